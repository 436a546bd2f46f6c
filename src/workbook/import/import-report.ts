import type { LedgerImportOutcome } from '../../../storage/ledger-import-input.ts';
import { zh } from '../../text/zh.ts';
import type { ReadLedger } from './read-ledger-workbook.ts';

/** What the importer reads on the terminal: every problem by row and column, or what was (or would be) written. */
export function importReport(
  outcome: LedgerImportOutcome,
  read: Pick<ReadLedger, 'ignored' | 'skipped'>,
  fileName: string,
  dryRun: boolean,
): string[] {
  const notes = [
    ...read.ignored.map((i) => zh.importIgnoredColumns(i.sheet, i.columns)),
    ...(read.skipped.total > 0 ? [zh.importSkippedRows(read.skipped.total, read.skipped.blank)] : []),
  ];
  if (outcome.kind === 'refused') {
    // by sheet (in the order their problems were found), then by row
    const sheets = new Map<string, number>();
    for (const p of outcome.problems) if (!sheets.has(p.sheet)) sheets.set(p.sheet, sheets.size);
    const problems = [...outcome.problems].sort(
      (a, b) => (sheets.get(a.sheet) ?? 0) - (sheets.get(b.sheet) ?? 0) || (a.row ?? 0) - (b.row ?? 0),
    );
    return [
      zh.importRefused(problems.length),
      ...problems.map((p) => zh.importProblemLine(p.sheet, p.row, p.column, p.message)),
      ...notes,
    ];
  }
  const lines = [
    dryRun ? zh.importDryRunTitle(fileName) : zh.importDoneTitle(fileName),
    zh.importCounts(outcome.added.length, outcome.updated.length, outcome.unchanged),
    ...outcome.added.map((a) => zh.importAddedLine(a.row, a.id ?? zh.importNewId, a.name)),
    ...outcome.updated.map((u) => zh.importUpdatedLine(u.row, u.id, u.name, u.changes)),
  ];
  const trips = outcome.trips;
  const tripCount = trips.added.length + trips.updated.length + trips.unchanged;
  if (tripCount > 0)
    lines.push(
      zh.importTripCounts(trips.added.length, trips.updated.length, trips.unchanged),
      ...trips.added.map((a) => zh.importTripAddedLine(a.row, a.id, a.name)),
      ...trips.updated.map((u) => zh.importTripUpdatedLine(u.row, u.id, u.name, u.changes)),
    );
  lines.push(...notes);
  const changed = outcome.added.length + outcome.updated.length + trips.added.length + trips.updated.length;
  if (changed === 0) lines.push(zh.importNothingChanged);
  else if (!dryRun) lines.push(zh.importUndoHint);
  return lines;
}
