import { journalSources, sourceLines } from './journal-files.ts';
import { decodeJournalLine } from './journal-line.ts';
import type { JournalRecord, LegacyJournalRecord } from './journal-record.ts';

/**
 * Every record the data directory's journal ever kept, oldest first: archived files (compressed),
 * rotated ones, then the active file. For the audit trail and the 变更记录 sheet; a record present in
 * two files (archived, plain copy not yet removed) is given once. Lines that do not decode are
 * skipped here: the store refuses to start on them, the audit only reads.
 */
export async function* journalRecords(dir: string): AsyncGenerator<JournalRecord | LegacyJournalRecord> {
  let last = 0;
  for (const source of journalSources(dir)) {
    let lines: AsyncGenerator<{ bytes: Buffer; torn: boolean }>;
    try {
      lines = sourceLines(source);
      for await (const { bytes, torn } of lines) {
        if (torn) break;
        const decoded = decodeJournalLine(bytes);
        if (decoded.kind !== 'checked' && decoded.kind !== 'legacy') continue;
        if (decoded.record.seq <= last) continue;
        last = decoded.record.seq;
        yield decoded.record;
      }
    } catch (e) {
      // a rotated file archived and removed while we read the list: its archive is read instead
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}
