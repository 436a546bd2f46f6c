import { zh } from '../src/text/zh.ts';
import { StoreUnreadableError } from './save-errors.ts';
import { collectionSchemas, documentSchema, emptyDocument, type StoreDocument } from './schema.ts';
import type { RawSnapshot } from './snapshot-file.ts';

/** A snapshot written by this version: every record checked against its schema, and kept as read. */
export function checkedInPlace(path: string, raw: RawSnapshot): StoreDocument {
  if (typeof raw.seq !== 'number' || !Number.isInteger(raw.seq) || raw.seq < 0)
    throw new StoreUnreadableError(path, zh.notDocumentShape('seq', String(raw.seq)));
  const doc = emptyDocument();
  doc.seq = raw.seq;
  for (const [c, schema] of Object.entries(collectionSchemas)) {
    const records = (raw[c] ?? {}) as Record<string, unknown>;
    if (typeof records !== 'object' || records === null)
      throw new StoreUnreadableError(path, zh.notDocumentShape(c, 'not an object'));
    for (const [id, record] of Object.entries(records)) {
      const parsed = schema.safeParse(record);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new StoreUnreadableError(
          path,
          zh.notDocumentShape([c, id, ...(issue?.path ?? [])].join('.'), issue?.message ?? ''),
        );
      }
    }
    (doc as Record<string, unknown>)[c] = records;
  }
  return doc;
}

/** A snapshot from an earlier version, brought forward: checked and rebuilt whole. */
export function parsedWhole(path: string, migrated: Record<string, unknown>): StoreDocument {
  const parsed = documentSchema.safeParse(migrated);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreUnreadableError(
      path,
      zh.notDocumentShape(issue?.path.join('.') ?? '', issue?.message ?? ''),
    );
  }
  return parsed.data;
}
