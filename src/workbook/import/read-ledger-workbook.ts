import type ExcelJS from 'exceljs';
import type {
  LedgerImportInput,
  LedgerInstalmentRow,
  LedgerProblem,
  LedgerRow,
  LedgerTripRow,
} from '../../../storage/ledger-import-input.ts';
import { PROJECT_ID } from '../../../storage/project-match.ts';
import { UserError } from '../../core/errors.ts';
import { zh } from '../../text/zh.ts';
import { isValidLocalDate, toLocalDate } from '../../time/clock.ts';
import {
  INSTALMENT_COLUMNS,
  INSTALMENT_SHEET_NAMES,
  PROJECT_COLUMNS,
  PROJECT_SHEET_NAME,
  TRIP_COLUMNS,
  TRIP_SHEET_NAMES,
} from './column-names.ts';
import { findHeader } from './header-row.ts';
import { openWorkbook } from './open-workbook.ts';
import { readSheetRows, type SheetRow } from './read-sheet.ts';

/** What reading a workbook found, before the store looks at it. */
export interface ReadLedger {
  input: LedgerImportInput;
  /** Columns not read, by sheet, as their headers are written. */
  ignored: Array<{ sheet: string; columns: string[] }>;
  skipped: { total: number; blank: number };
}

export interface ReadOptions {
  /** The sheet to read projects from (`--sheet`); otherwise 项目台账, else the first sheet with a ledger header. */
  sheet?: string | null;
  /** Called as data rows are read, for a progress bar. */
  onRow?: (done: number, total: number) => void;
}

const INSTALMENT_NAMES: readonly string[] = INSTALMENT_SHEET_NAMES;
const TRIP_NAMES: readonly string[] = TRIP_SHEET_NAMES;

function projectSheet(workbook: ExcelJS.Workbook, wanted: string | null | undefined): ExcelJS.Worksheet {
  const sheets = workbook.worksheets;
  if (wanted) {
    const named = sheets.find((s) => s.name.trim() === wanted.trim());
    if (!named)
      throw new UserError(
        zh.importNoSheet(
          wanted,
          sheets.map((s) => s.name),
        ),
      );
    return named;
  }
  const own = sheets.find((s) => s.name.trim() === PROJECT_SHEET_NAME);
  if (own) return own;
  const found = sheets.find(
    (s) =>
      !INSTALMENT_NAMES.includes(s.name.trim()) &&
      !TRIP_NAMES.includes(s.name.trim()) &&
      findHeader(s, PROJECT_COLUMNS, ['name']) !== null,
  );
  if (!found) throw new UserError(zh.importNoHeaderAnywhere);
  return found;
}

/** A 编号 column of the bureau's own numbering (1, 2, 3 …) is not ours: it is ignored and names match instead. */
function keepIds(rows: Array<SheetRow<string>>, sheet: string, problems: LedgerProblem[]): boolean {
  const ids = rows.flatMap((r) => (typeof r.values.id === 'string' ? [r.values.id] : []));
  if (!ids.some((id) => PROJECT_ID.test(id))) {
    for (const r of rows) delete r.values.id;
    return ids.length === 0;
  }
  for (const r of rows) {
    const id = r.values.id;
    if (typeof id === 'string' && !PROJECT_ID.test(id)) {
      problems.push({ sheet, row: r.row, column: '编号', message: zh.importIdNotOurs(id) });
      delete r.values.id;
    }
  }
  return true;
}

function instalmentRows(
  workbook: ExcelJS.Workbook,
  except: ExcelJS.Worksheet,
  date1904: boolean,
  problems: LedgerProblem[],
  ignored: ReadLedger['ignored'],
): { sheet: string | null; rows: LedgerInstalmentRow[] } {
  const sheet = workbook.worksheets.find((s) => s !== except && INSTALMENT_NAMES.includes(s.name.trim()));
  if (!sheet) return { sheet: null, rows: [] };
  const header = findHeader(sheet, INSTALMENT_COLUMNS, ['date', 'amountWan']);
  if (!header) throw new UserError(zh.importNoHeader(sheet.name));
  if (header.ignored.length > 0) ignored.push({ sheet: sheet.name, columns: header.ignored });
  const read = readSheetRows(sheet, header, date1904);
  problems.push(...read.problems);
  keepIds(read.rows, sheet.name, problems);
  const rows: LedgerInstalmentRow[] = [];
  for (const r of read.rows) {
    const v = r.values as Partial<LedgerInstalmentRow>;
    const missing = (column: string, message: string) =>
      problems.push({ sheet: sheet.name, row: r.row, column, message });
    if (v.projectId === undefined && v.projectName === undefined) missing('项目名称', zh.importMissingName);
    if (v.date === undefined) missing('日期', zh.importMissingCell);
    if (v.amountWan === undefined) missing('金额', zh.importMissingCell);
    if (v.date === undefined || v.amountWan === undefined) continue;
    rows.push({ ...v, row: r.row, date: v.date, amountWan: v.amountWan });
  }
  return { sheet: sheet.name, rows };
}

function tripRows(
  workbook: ExcelJS.Workbook,
  except: ExcelJS.Worksheet,
  date1904: boolean,
  problems: LedgerProblem[],
  ignored: ReadLedger['ignored'],
): { sheet: string | null; rows: LedgerTripRow[] } {
  const sheet = workbook.worksheets.find((s) => s !== except && TRIP_NAMES.includes(s.name.trim()));
  if (!sheet) return { sheet: null, rows: [] };
  const header = findHeader(sheet, TRIP_COLUMNS, ['date', 'destination']);
  if (!header) throw new UserError(zh.importNoHeader(sheet.name));
  if (header.ignored.length > 0) ignored.push({ sheet: sheet.name, columns: header.ignored });
  const read = readSheetRows(sheet, header, date1904);
  problems.push(...read.problems);
  const rows: LedgerTripRow[] = [];
  for (const r of read.rows) {
    const v = r.values as Partial<LedgerTripRow>;
    if (v.date === undefined)
      problems.push({ sheet: sheet.name, row: r.row, column: '日期', message: zh.importMissingCell });
    if (v.destination === undefined)
      problems.push({ sheet: sheet.name, row: r.row, column: '去向', message: zh.importMissingCell });
    if (v.id !== undefined && !/^T\d{4}-\d{3,}$/.test(v.id)) delete v.id;
    if (v.date === undefined || v.destination === undefined) continue;
    rows.push({ ...v, row: r.row, date: v.date, destination: v.destination });
  }
  return { sheet: sheet.name, rows };
}

const DATED_NOTE = /^(\d{4})-(\d{2})-(\d{2})\s+(\S[\s\S]*)$/u;

/**
 * 「2026-11-20 主体厂房封顶」, as the export writes the latest progress: the date is the note's own
 * (the lights count days since the last news), unless a 最新进展日期 column already gave it.
 */
function datedProgress(row: LedgerRow): LedgerRow {
  const m = row.latestProgress === undefined ? null : DATED_NOTE.exec(row.latestProgress);
  if (!m) return row;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidLocalDate(y, mo, d)) return row;
  return {
    ...row,
    latestProgress: m[4] as string,
    latestProgressDate: row.latestProgressDate ?? toLocalDate(y, mo, d),
  };
}

/**
 * Reads a bureau's 台账 workbook into rows the store can check: the project sheet, and the
 * 到位资金明细 sheet when there is one. A file that cannot be read at all is refused with a
 * UserError; problems of single cells are collected, so the importer sees them all at once.
 */
export async function readLedgerWorkbook(
  bytes: Buffer,
  fileName: string,
  options: ReadOptions = {},
): Promise<ReadLedger> {
  const { workbook, sha256 } = await openWorkbook(bytes);
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  const sheet = projectSheet(workbook, options.sheet);
  const header = findHeader(sheet, PROJECT_COLUMNS, ['name']);
  if (!header) throw new UserError(zh.importNoHeader(sheet.name));
  const read = readSheetRows(sheet, header, date1904, options.onRow);
  if (read.rows.length === 0) throw new UserError(zh.importSheetEmpty(sheet.name));
  const problems = [...read.problems];
  const ignored: ReadLedger['ignored'] = [];
  const columns = [...header.ignored];
  const idColumn = header.columns.find((c) => c.spec.key === 'id');
  if (!keepIds(read.rows, sheet.name, problems) && idColumn) columns.push(idColumn.header);
  if (columns.length > 0) ignored.push({ sheet: sheet.name, columns });
  const instalments = instalmentRows(workbook, sheet, date1904, problems, ignored);
  const trips = tripRows(workbook, sheet, date1904, problems, ignored);
  const rows: LedgerRow[] = read.rows.map((r) =>
    datedProgress({ ...(r.values as Omit<LedgerRow, 'row'>), row: r.row }),
  );
  return {
    input: {
      fileName,
      sha256,
      sheet: sheet.name,
      rows,
      instalmentSheet: instalments.sheet,
      instalments: instalments.rows,
      tripSheet: trips.sheet,
      trips: trips.rows,
      problems,
    },
    ignored,
    skipped: read.skipped,
  };
}
