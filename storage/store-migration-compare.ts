import { isDeepStrictEqual } from 'node:util';
import { zh } from '../src/text/zh.ts';
import { COLLECTIONS, type CollectionName, type StoreDocument } from './schema.ts';
import { type AnyJournalRecord, isLegacyRecord } from './store-migration.ts';

/** Differences listed at most: one is enough to distrust a copy, a few help to see why. */
export const DIFFERENCES_SHOWN = 10;

function shown(value: unknown): string {
  if (value === undefined) return zh.migrateAbsent;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** Where two values first differ, as `path: a ≠ b`, or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  const bothObjects = typeof a === 'object' && a !== null && typeof b === 'object' && b !== null;
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b))
    return `${path || '.'}: ${shown(a)} ≠ ${shown(b)}`;
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length)
    return zh.migrateLengthDiffers(path || '.', a.length, b.length);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    const at = Array.isArray(a) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const found = firstDifference(ra[key], rb[key], at);
    if (found) return found;
  }
  // equal keys and values, yet not deep-equal: a prototype or a property's kind differs
  return `${path || '.'}: ${shown(a)} ≠ ${shown(b)}`;
}

/** How many records each collection holds. */
export function collectionCounts(doc: StoreDocument): Record<CollectionName, number> {
  return Object.fromEntries(COLLECTIONS.map((c) => [c, Object.keys(doc[c]).length])) as Record<
    CollectionName,
    number
  >;
}

/** Every record of every collection, and the seq, compared one by one; at most `limit` differences. */
export function documentDifferences(a: StoreDocument, b: StoreDocument, limit = DIFFERENCES_SHOWN): string[] {
  const out: string[] = [];
  if (a.seq !== b.seq) out.push(zh.migrateSeqDiffers(a.seq, b.seq));
  for (const c of COLLECTIONS) {
    const ra = a[c] as Record<string, unknown>;
    const rb = b[c] as Record<string, unknown>;
    for (const id of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      if (out.length >= limit) return out;
      if (!Object.hasOwn(ra, id) || !Object.hasOwn(rb, id)) {
        out.push(zh.migrateRecordOnlyIn(c, id, Object.hasOwn(rb, id)));
        continue;
      }
      const found = firstDifference(ra[id], rb[id]);
      if (found) out.push(zh.migrateRecordDiffers(c, id, found));
    }
    // the ledger lists records in the order they were made, and so do the replies built on it
    const ka = Object.keys(ra);
    const kb = Object.keys(rb);
    const at = ka.findIndex((id, i) => kb[i] !== id);
    if (at >= 0 && ka.length === kb.length && out.length < limit)
      out.push(zh.migrateOrderDiffers(c, at + 1, ka[at] as string, kb[at] as string));
  }
  return out;
}

export interface JournalComparison {
  /** Records compared (up to the seq moved). */
  records: number;
  /** Of which written before v6. */
  legacy: number;
  differences: string[];
}

/**
 * Two journals read side by side, a record at a time (a district's may hold hundreds of thousands):
 * every record up to `seq` must be in both, equal. The audit trail and the 变更记录 are built from
 * exactly these records.
 */
export async function journalDifferences(
  a: AsyncIterable<AnyJournalRecord>,
  b: AsyncIterable<AnyJournalRecord>,
  seq: number,
  limit = DIFFERENCES_SHOWN,
): Promise<JournalComparison> {
  const left = a[Symbol.asyncIterator]();
  const right = b[Symbol.asyncIterator]();
  const result: JournalComparison = { records: 0, legacy: 0, differences: [] };
  try {
    for (;;) {
      const [x, y] = await Promise.all([left.next(), right.next()]);
      const rx = x.done || x.value.seq > seq ? null : x.value;
      const ry = y.done || y.value.seq > seq ? null : y.value;
      if (!rx && !ry) break;
      if (!rx || !ry) {
        result.differences.push(zh.migrateJournalLengthDiffers(((rx ?? ry) as AnyJournalRecord).seq, !rx));
        break;
      }
      result.records++;
      if (isLegacyRecord(rx)) result.legacy++;
      const found = firstDifference(rx, ry);
      if (found) result.differences.push(zh.migrateJournalRecordDiffers(rx.seq, found));
      if (result.differences.length >= limit) break;
    }
  } finally {
    await left.return?.();
    await right.return?.();
  }
  return result;
}
