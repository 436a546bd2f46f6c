import type { Workbook } from 'exceljs';
import type { JournalRecord, LegacyJournalRecord } from '../../../storage/journal-record.ts';
import { zh } from '../../text/zh.ts';
import { AUDIT_COLUMNS, SHEET_NAMES } from '../columns.ts';
import { type AuditNames, isDataOp, opsOf, opText } from './audit-changes.ts';
import { cellText, excelTime } from './excel-values.ts';
import type { LedgerData } from './export-scope.ts';
import { rowOf, startSheet, turn, YIELD_EVERY_ROWS } from './sheet-layout.ts';

/** Rows a sheet may hold (Excel's limit is 1,048,576), less the title and header. */
const MAX_ROWS = 1_048_000;

/** The journal as the audit reads it: every record ever kept, oldest first (storage/journal-audit.ts). */
export type AuditSource = AsyncIterable<JournalRecord | LegacyJournalRecord>;

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

function shanghaiDay(at: string): string {
  // the store stamps Shanghai time with its offset (isoShanghai): the date is the first ten characters
  if (at.endsWith('+08:00')) return at.slice(0, 10);
  return new Date(Date.parse(at) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * 变更记录: the year's changes to the bureau's records up to the day, from the journal (archives
 * included): when, who, the message as written, the bot's summary and each field's 原值 → 新值.
 * Bookkeeping-only records (pushes sent, messages seen) are left out; so, in a unit's export, are
 * changes that touch none of its projects or trips.
 */
export async function addAuditSheet(
  workbook: Workbook,
  title: string,
  data: LedgerData,
  source: AuditSource | null,
  names: AuditNames & { commandName(id: string): string },
): Promise<number> {
  const writer = startSheet(
    workbook,
    SHEET_NAMES.audit,
    zh.workbookSheetTitle(title, SHEET_NAMES.audit),
    AUDIT_COLUMNS,
  );
  const from = `${data.options.year}-01-01`;
  const to = data.options.asOf;
  let rows = 0;
  let skipped = 0;
  for await (const record of source ?? []) {
    const day = shanghaiDay(record.at);
    if (day < from || day > to) continue;
    const ops = opsOf(record).filter((op) => isDataOp(op) && data.covers(op.c, op.id));
    if (ops.length === 0) continue;
    if (rows >= MAX_ROWS) {
      skipped++;
      continue;
    }
    const person = data.personName(record.actor);
    writer.add(
      rowOf(AUDIT_COLUMNS, {
        seq: record.seq,
        time: excelTime(record.at),
        who: person === record.actor ? person : `${person}（${record.actor}）`,
        command: names.commandName(record.command),
        message: cellText(record.text),
        summary: cellText(record.summary),
        changes: cellText(ops.map((op) => opText(op, names)).join('\n')),
      }),
    );
    if (++rows % YIELD_EVERY_ROWS === 0) await turn();
  }
  if (skipped > 0) writer.add([null, null, null, null, zh.auditMore(skipped)]);
  writer.finish();
  return rows;
}
