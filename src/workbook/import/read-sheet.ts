import type ExcelJS from 'exceljs';
import type { LedgerProblem } from '../../../storage/ledger-import-input.ts';
import { charCount, MAX_NAME_CHARS, MAX_TEXT_CHARS } from '../../reader/limits.ts';
import { zh } from '../../text/zh.ts';
import {
  type Read,
  readAmount,
  readContractType,
  readDate,
  readProblems,
  readStage,
  readStartType,
  readYesNo,
} from './cell-readers.ts';
import { cellText, type RawCell, rawCell } from './cell-values.ts';
import type { CellKind } from './column-names.ts';
import type { MappedColumn, SheetHeader } from './header-row.ts';

/** A data row: its values by key (absent when blank), and its row number. */
export interface SheetRow<K extends string> {
  row: number;
  values: Partial<Record<K, unknown>>;
}

export interface ReadSheet<K extends string> {
  rows: Array<SheetRow<K>>;
  problems: LedgerProblem[];
  /** Rows passed over: 合计/小计 lines and blank ones. */
  skipped: { total: number; blank: number };
}

const TOTAL_ROW = /^(合计|小计|总计|共计)/u;

function readCell(
  kind: CellKind,
  raw: RawCell,
  column: MappedColumn<string>,
  date1904: boolean,
): Read<unknown> | null {
  switch (kind) {
    case 'amount':
      return readAmount(raw, column.power);
    case 'date':
      return readDate(raw, date1904);
    case 'stage':
      return readStage(raw);
    case 'contractType':
      return readContractType(raw);
    case 'startType':
      return readStartType(raw);
    case 'yesNo':
      return readYesNo(raw);
    case 'problems':
      return { ok: true, value: readProblems(raw) };
    case 'list':
      return {
        ok: true,
        value: cellText(raw)
          .normalize('NFKC')
          .split(/[、,;；\n]+/u)
          .map((t) => t.replace(/\s+/gu, ' ').trim())
          .filter((t) => t !== ''),
      };
    case 'id':
      return { ok: true, value: cellText(raw).normalize('NFKC').replace(/\s+/gu, '').toUpperCase() };
    case 'name': {
      // names are kept as the chat keeps them: full-width folded, blanks collapsed (src/reader/normalize.ts)
      const text = cellText(raw).normalize('NFKC').replace(/\s+/gu, ' ').trim();
      if (charCount(text) > MAX_NAME_CHARS)
        return { ok: false, problem: zh.importTextTooLong(MAX_NAME_CHARS) };
      return { ok: true, value: text };
    }
    default: {
      const text = cellText(raw);
      if (charCount(text) > MAX_TEXT_CHARS)
        return { ok: false, problem: zh.importTextTooLong(MAX_TEXT_CHARS) };
      return { ok: true, value: text };
    }
  }
}

/**
 * Every data row below the header, each cell read by its column's kind; problems are named by row
 * and column and reading goes on, so one pass lists them all.
 */
export function readSheetRows<K extends string>(
  sheet: ExcelJS.Worksheet,
  header: SheetHeader<K>,
  date1904: boolean,
  onRow?: (done: number, total: number) => void,
): ReadSheet<K> {
  const problems: LedgerProblem[] = header.problems.map((p) => ({
    sheet: sheet.name,
    row: header.lastRow,
    column: p.column,
    message: p.message,
  }));
  const unitless = new Set<string>();
  const rows: Array<SheetRow<K>> = [];
  const skipped = { total: 0, blank: 0 };
  let blanks = 0;
  const last = sheet.rowCount;
  const total = Math.max(0, last - header.lastRow);
  for (let r = header.lastRow + 1; r <= last; r++) {
    onRow?.(r - header.lastRow, total);
    const row = sheet.getRow(r);
    const raws = header.columns.map((c) => rawCell(row.getCell(c.col)));
    if (raws.every((raw) => raw.kind === 'empty')) {
      blanks++;
      continue;
    }
    // blank rows are worth a word only between data: the formatted rows below the table are not
    skipped.total += blanks;
    skipped.blank += blanks;
    blanks = 0;
    const firstTexts = [1, 2, 3].map((c) => cellText(rawCell(row.getCell(c))));
    const names = raws.filter((_, i) => ['id', 'name'].includes(header.columns[i]?.spec.kind ?? ''));
    const texts = [...firstTexts, ...names.map(cellText)].map((t) => t.replace(/\s+/gu, ''));
    if (texts.some((t) => TOTAL_ROW.test(t))) {
      skipped.total++;
      continue;
    }
    const values: Partial<Record<K, unknown>> = {};
    for (const [i, column] of header.columns.entries()) {
      const raw = raws[i] as RawCell;
      if (raw.kind === 'empty') continue;
      const problem = (message: string) =>
        problems.push({ sheet: sheet.name, row: r, column: column.spec.label, message });
      if (raw.kind === 'noResult') {
        problem(zh.importFormulaNoValue);
        continue;
      }
      if (raw.kind === 'error') {
        problem(zh.importCellError(raw.error));
        continue;
      }
      const read = readCell(column.spec.kind, raw, column as MappedColumn<string>, date1904);
      if (read === null) {
        if (!unitless.has(column.header)) {
          unitless.add(column.header);
          problems.push({
            sheet: sheet.name,
            row: header.lastRow,
            column: column.header,
            message: zh.importHeaderNoUnit(column.spec.label),
          });
        }
        continue;
      }
      if (!read.ok) {
        problem(read.problem);
        continue;
      }
      const empty = read.value === '' || (Array.isArray(read.value) && read.value.length === 0);
      if (!empty) values[column.spec.key] = read.value;
    }
    rows.push({ row: r, values });
  }
  return { rows, problems, skipped };
}
