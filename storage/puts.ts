import type { CollectionName, Put, StoreDocument } from './schema.ts';

/** Applies a change's writes to the document: `v: null` deletes. */
export function applyPuts(
  doc: StoreDocument,
  puts: Put[],
  replaced?: (c: string, id: string, before: unknown, after: unknown) => void,
): void {
  for (const put of puts) {
    const collection = doc[put.c as CollectionName] as Record<string, unknown> | undefined;
    if (!collection) throw new Error(`unknown collection ${put.c}`);
    const before = collection[put.id];
    if (put.v === null) delete collection[put.id];
    else collection[put.id] = put.v;
    replaced?.(put.c, put.id, before, put.v === null ? undefined : put.v);
  }
}
