import { zh } from '../src/text/zh.ts';
import type { JournalRecord, LegacyJournalRecord } from './journal-record.ts';
import type { Persistence } from './persistence.ts';
import { PersistenceTap } from './persistence-tap.ts';
import type { StoreDocument } from './schema.ts';
import { Store } from './store.ts';

/** The move was refused before anything was written: a setting to fix, a target that holds data, a source in use. */
export class MigrationRefusedError extends Error {
  override name = 'MigrationRefusedError';
}

/** The source's journal lacks a change: a database keeps whole histories only, so nothing was written. */
export class JournalGapError extends Error {
  override name = 'JournalGapError';
  constructor(
    readonly where: string,
    readonly expected: number,
    readonly found: number | null,
  ) {
    super(zh.migrateJournalGap(where, expected, found));
  }
}

export type AnyJournalRecord = JournalRecord | LegacyJournalRecord;

/** A ledger opened by its own engine for the move, with the document exactly as the engine loaded it. */
export interface OpenLedger {
  store: Store;
  document: StoreDocument;
  persistence: Persistence;
}

/**
 * Passes everything to the engine (a PersistenceTap) and remembers the document `load` returned: it is the ledger's
 * own, so the move reads every record as the store holds it without a second load or a copy.
 */
class Witnessed extends PersistenceTap {
  document: StoreDocument | null = null;
  override async load(): Promise<StoreDocument> {
    this.document = await this.inner.load();
    return this.document;
  }
}

/** Opens a ledger read-only for the move: nothing is changed through it, so closing writes nothing. */
export async function openLedger(persistence: Persistence): Promise<OpenLedger> {
  const witnessed = new Witnessed(persistence);
  const store = await Store.open(witnessed);
  return { store, document: witnessed.document as StoreDocument, persistence };
}

/**
 * The journal's records 1…`seq`, in order, each once; throws at the first one missing. Records after
 * `seq` (written by an instance still running on the source) are not part of this move.
 */
export async function* wholeJournal(
  records: AsyncIterable<AnyJournalRecord>,
  seq: number,
  where: string,
): AsyncGenerator<AnyJournalRecord> {
  let expected = 1;
  for await (const record of records) {
    if (record.seq > seq) break;
    if (record.seq !== expected) throw new JournalGapError(where, expected, record.seq);
    yield record;
    expected++;
  }
  if (expected <= seq) throw new JournalGapError(where, expected, null);
}

/** Whether a record was written before v6 (whole records before and after, not the change). */
export function isLegacyRecord(record: AnyJournalRecord): boolean {
  return !('ops' in record && record.ops);
}
