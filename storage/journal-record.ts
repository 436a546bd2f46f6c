import type { Put } from './schema.ts';

/**
 * One committed change, as appended to `journal.jsonl`. The journal is both the write-ahead log
 * (replayed over the last snapshot at start-up) and the audit log (who, when, what text, before/after).
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
  /** The data entities as they were before this change (`v: null` = did not exist). */
  before: Put[];
  /** Everything this change wrote, bookkeeping included; replay applies exactly these. */
  puts: Put[];
}
