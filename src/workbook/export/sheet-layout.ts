import type { Workbook, Worksheet } from 'exceljs';
import type { ColumnKind, WorkbookColumn } from '../columns.ts';
import { HEADER_ROW, TITLE_ROW } from '../columns.ts';
import { HEADER_FILL, solid } from './fills.ts';

/** 万元 with thousands separators and up to four decimals (one 元), as bureaus format amounts. */
const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  wan: '#,##0.00##',
  date: 'yyyy-mm-dd',
  time: 'yyyy-mm-dd hh:mm:ss',
  count: '0',
  decimal: '0.0',
  ratio: '0.0%',
};

/**
 * A sheet as every sheet of the 台账 starts: the merged title in row 1, the bold filled headers in
 * row 2, frozen under them, an autofilter over them, widths and number formats per column.
 */
export function startSheet(
  workbook: Workbook,
  name: string,
  title: string,
  columns: ReadonlyArray<WorkbookColumn>,
): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  sheet.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    const format = NUMBER_FORMATS[c.kind];
    if (format) column.numFmt = format;
  });
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, Math.max(columns.length, 1));
  const titleCell = sheet.getCell(TITLE_ROW, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 14 };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  titleCell.numFmt = 'General';
  sheet.getRow(TITLE_ROW).height = 24;
  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.numFmt = 'General';
    cell.font = { bold: true };
    cell.fill = solid(HEADER_FILL);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  return sheet;
}

/** The autofilter covers the header and every data row, so Excel sorts and filters the whole table. */
export function finishSheet(sheet: Worksheet, columnCount: number): void {
  const last = Math.max(sheet.rowCount, HEADER_ROW);
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: columnCount } };
}

/** The row's values in the columns' order, from a record keyed like the columns. */
export function rowOf<K extends string>(
  columns: ReadonlyArray<{ key: K }>,
  values: Partial<Record<K, string | number | Date | null>>,
): Array<string | number | Date | null> {
  return columns.map((c) => values[c.key] ?? null);
}
