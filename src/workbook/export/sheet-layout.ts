import type { Fill, Row, Style, Workbook, Worksheet } from 'exceljs';
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

type CellInput = string | number | Date | null;

/** A sheet being written: its data rows go out in order, each once, as they are added. */
export interface SheetWriter {
  sheet: Worksheet;
  /** Adds a data row; `fills` colours some of its cells (by 1-based column). */
  add(values: CellInput[], fills?: ReadonlyArray<[column: number, fill: Fill]>): void;
  /** Sets the autofilter over every row added and writes the sheet out. */
  finish(): void;
}

/**
 * A sheet as every sheet of the 台账 starts: the merged title in row 1, the bold filled headers in
 * row 2, frozen under them, widths and number formats per column; the autofilter comes with
 * `finish`. The workbook is streamed (exceljs' WorkbookWriter): a row is written when committed.
 * Every cell of a column shares one style object, which exceljs recognises without comparing it
 * again: with a style per cell, working out styles took a fifth of the export.
 */
export function startSheet(
  workbook: Workbook,
  name: string,
  title: string,
  columns: ReadonlyArray<WorkbookColumn>,
): SheetWriter {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  const styles: Array<Partial<Style>> = columns.map((c) => {
    const numFmt = NUMBER_FORMATS[c.kind];
    return numFmt ? { numFmt } : {};
  });
  const filled = new Map<string, Partial<Style>>();
  const styleWithFill = (column: number, fill: Fill): Partial<Style> => {
    const key = `${column}:${JSON.stringify(fill)}`;
    let style = filled.get(key);
    if (!style) {
      style = { ...styles[column - 1], fill };
      filled.set(key, style);
    }
    return style;
  };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, Math.max(columns.length, 1));
  const titleCell = sheet.getCell(TITLE_ROW, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 14 };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(TITLE_ROW).height = 24;
  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = solid(HEADER_FILL);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.getRow(TITLE_ROW).commit();
  header.commit();
  let rows = 0;
  return {
    sheet,
    add(values, fills = []) {
      const row: Row = sheet.addRow(values);
      // assigned, never changed: the objects are shared by every cell of the column
      for (let i = 0; i < values.length; i++) row.getCell(i + 1).style = styles[i] as Style;
      for (const [column, fill] of fills) row.getCell(column).style = styleWithFill(column, fill) as Style;
      row.commit();
      rows++;
    },
    finish() {
      sheet.autoFilter = {
        from: { row: HEADER_ROW, column: 1 },
        to: { row: HEADER_ROW + rows, column: columns.length },
      };
      sheet.commit();
    },
  };
}

/** The row's values in the columns' order, from a record keyed like the columns. */
export function rowOf<K extends string>(
  columns: ReadonlyArray<{ key: K }>,
  values: Partial<Record<K, CellInput>>,
): CellInput[] {
  return columns.map((c) => values[c.key] ?? null);
}

/** Lets timers and I/O run now and then while a server builds a long sheet. */
export const YIELD_EVERY_ROWS = 1_000;
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
