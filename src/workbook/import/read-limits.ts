/**
 * How much of a workbook the import will read. A bureau's ledger of a few thousand projects is a
 * few MB; these bounds are far above that and far below what would stall or exhaust the process
 * (a zip bomb, a merge over a whole sheet, a validation over a whole column).
 */
export const READ_LIMITS = {
  /** Checked before a byte is parsed. */
  fileBytes: 20 * 1024 * 1024,
  /** All parts of the zip together, once inflated. */
  unzippedBytes: 200 * 1024 * 1024,
  zipEntries: 2_000,
  /** exceljs makes a cell object for every cell a merge covers, and compares every merge with every other. */
  mergedCells: 200_000,
  merges: 5_000,
  rowsPerSheet: 100_000,
  /** exceljs keeps an object per cell: a million is some hundreds of MB; a ledger of 5,000 projects has 125,000. */
  cellsInWorkbook: 1_000_000,
  columnsPerRow: 300,
  /** How far down a sheet the header row is looked for. */
  headerSearchRows: 20,
} as const;

/** Files with more data rows than this show a progress bar on the terminal. */
export const PROGRESS_BAR_ROWS = 500;
