import type { Op } from './ops.ts';
import type { Put } from './schema.ts';

/**
 * One committed change, as appended to the journal. The journal is both the write-ahead log
 * (replayed over the last snapshot at start-up) and the audit log (who, when, what text, and for
 * each record what changed and what it was before).
 */
export interface JournalRecord {
  v: number;
  seq: number;
  at: string;
  actor: string;
  messageKey: string | null;
  text: string | null;
  command: string;
  summary: string;
  /** What the change did to each record, bookkeeping included; replay applies exactly these. */
  ops: Op[];
}

/** A record written before v6: whole records before and after. Still replayed, and kept in archives. */
export interface LegacyJournalRecord extends Omit<JournalRecord, 'ops'> {
  before: Put[];
  puts: Put[];
}
