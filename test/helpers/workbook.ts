import ExcelJS from 'exceljs';
import { HEADER_ROW } from '../../src/workbook/columns.ts';

export type CellValue = ExcelJS.CellValue;

/** An .xlsx file read back the way Excel would open it. */
export async function readWorkbook(bytes: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  return workbook;
}

export function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

export function headersOf(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(HEADER_ROW).eachCell({ includeEmpty: true }, (cell, col) => {
    out[col - 1] = String(cell.value ?? '');
  });
  return out;
}

/** The data rows under the header, each as header → cell (value, fill, number format). */
export function rowsOf(ws: ExcelJS.Worksheet): Array<Record<string, ExcelJS.Cell>> {
  const headers = headersOf(ws);
  const rows: Array<Record<string, ExcelJS.Cell>> = [];
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const record: Record<string, ExcelJS.Cell> = {};
    headers.forEach((h, i) => {
      record[h] = row.getCell(i + 1);
    });
    rows.push(record);
  }
  return rows;
}

/** The values only. */
export function valuesOf(ws: ExcelJS.Worksheet): Array<Record<string, CellValue>> {
  return rowsOf(ws).map((r) => Object.fromEntries(Object.entries(r).map(([h, c]) => [h, c.value])));
}

/** A date cell as the calendar date it shows. */
export function shownDate(value: CellValue): string | null {
  return value instanceof Date ? value.toISOString().slice(0, 10) : null;
}

/** The fill colour of a cell, if it has a solid one. */
export function fillOf(cell: ExcelJS.Cell): string | null {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.type === 'pattern' && fill.pattern === 'solid' ? (fill.fgColor?.argb ?? null) : null;
}
