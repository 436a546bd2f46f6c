import ExcelJS from 'exceljs';
import { importReport } from '../../src/workbook/import/import-report.ts';
import { readLedgerWorkbook } from '../../src/workbook/import/read-ledger-workbook.ts';
import { runLedgerImport } from '../../src/workbook/import/run-ledger-import.ts';
import type { Conversation } from './conversation.ts';

/** A cell as a bureau types it: a number, a text, a date (Excel keeps the wall clock), or a formula with its saved result. */
export type BureauCell = string | number | Date | null | { formula: string; result?: number | string };

/** A calendar day as Excel stores one typed in Shanghai: the wall clock, kept as if it were UTC. */
export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Excel's serial number of a day (what a date cell formatted 「常规」 shows). */
export function serial(iso: string): number {
  return (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A row of the messy ledger (MESSY_HEADER_TOP/SUB) — 序号, 项目名称, 牵头单位, 投资主体, 所属产业, 总投资（亿元）, 签约时间, 合同金额（万元）, 合同类型, 开工时间, 开工类型, 本年, 累计, 包联领导, 负责人, 备注 */
export const ALUMINIUM: BureauCell[] = [
  1,
  '年产30万吨再生铝项目',
  '工业园区管委会',
  '某某集团',
  '铝产业',
  12.5,
  day('2023-03-05'),
  120000,
  '正式合同',
  serial('2023-05-10'),
  '建安类',
  null,
  8000,
  '张三',
  '李四',
  '省重点',
];

export const MESSY_HEADER_TOP = [
  '序号',
  '项目名称',
  '牵头单位',
  '投资主体',
  '所属产业',
  '总投资\n（亿元）',
  '签约情况',
  '签约情况',
  '签约情况',
  '开工情况',
  '开工情况',
  '到位资金（万元）',
  '到位资金（万元）',
  '包联领导',
  '负责人',
  '备注',
] as const;

export const MESSY_HEADER_SUB = [
  '序号',
  '项目名称',
  '牵头单位',
  '投资主体',
  '所属产业',
  '总投资\n（亿元）',
  '签约时间',
  '合同金额（万元）',
  '合同类型',
  '开工时间',
  '开工类型',
  '本年',
  '累计',
  '包联领导',
  '负责人',
  '备注',
] as const;

/**
 * The 台账 a bureau keeps: a merged title row, a line of who filled it in, a two-row header whose
 * parents are merged across their parts (and single headers merged down both rows), the data,
 * then 小计/合计 rows with formulas.
 */
export async function messyLedger(
  rows: BureauCell[][],
  options: {
    title?: string;
    totals?: boolean;
    sheetName?: string;
    extra?: (wb: ExcelJS.Workbook) => void;
  } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(options.sheetName ?? '2023年项目台账');
  ws.addRow([options.title ?? '黔江区2023年招商引资项目台账']);
  ws.mergeCells(1, 1, 1, MESSY_HEADER_TOP.length);
  ws.addRow([
    '填报单位：区招商投资局',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    '截至2023年6月30日',
  ]);
  ws.mergeCells(2, 1, 2, 6);
  ws.addRow([...MESSY_HEADER_TOP]);
  ws.addRow([...MESSY_HEADER_SUB]);
  // single headers span both rows; the parents span their parts
  for (const c of [1, 2, 3, 4, 5, 6, 14, 15, 16]) ws.mergeCells(3, c, 4, c);
  ws.mergeCells(3, 7, 3, 9);
  ws.mergeCells(3, 10, 3, 11);
  ws.mergeCells(3, 12, 3, 13);
  const first = ws.rowCount + 1;
  for (const row of rows) ws.addRow(row);
  const last = ws.rowCount;
  if (options.totals !== false) {
    ws.addRow([
      '小计',
      null,
      null,
      null,
      null,
      null,
      null,
      { formula: `SUM(H${first}:H${last})`, result: 0 },
    ]);
    ws.addRow([
      '合  计',
      null,
      null,
      null,
      null,
      null,
      null,
      { formula: `SUM(H${first}:H${last})`, result: 0 },
    ]);
  }
  options.extra?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook of simple sheets: each a header row and its rows. */
export async function plainWorkbook(sheets: Record<string, BureauCell[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * `npm run import` in the test's process: the same reading, the same store verb and the same report,
 * against the conversation's store and clock. Returns the report and whether the CLI would fail.
 */
export async function importWorkbook(
  c: Conversation,
  bytes: Buffer,
  options: { as?: string; dryRun?: boolean; sheet?: string; fileName?: string; admins?: string[] } = {},
): Promise<{ text: string; failed: boolean }> {
  const fileName = options.fileName ?? '台账.xlsx';
  try {
    const read = await readLedgerWorkbook(bytes, fileName, { sheet: options.sheet });
    const outcome = await runLedgerImport(
      { store: c.store, admins: new Set(options.admins ?? ['admin']), clock: c.clock },
      { as: options.as ?? 'admin', input: read.input, dryRun: options.dryRun ?? false },
    );
    return {
      text: importReport(outcome, read, fileName, options.dryRun ?? false).join('\n'),
      failed: outcome.kind === 'refused',
    };
  } catch (e) {
    if (e instanceof Error && e.name === 'UserError') return { text: e.message, failed: true };
    throw e;
  }
}

/** The bureau's ledger with one row: 年产30万吨再生铝项目, signed for 工业园区管委会 (12亿, 正式合同). */
export function oneSigningLedger(): Promise<Buffer> {
  return messyLedger([
    [1, '年产30万吨再生铝项目', '工业园区管委会', '某某集团', '铝产业', 12, '2023-03-05', 120000, '正式合同'],
  ]);
}
