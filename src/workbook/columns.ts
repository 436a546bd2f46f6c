/**
 * The 台账 workbook's sheet names and column headers: one place for the export that writes them and
 * the import that reads them back, so a workbook the bot exported always imports unchanged.
 * Headers that carry an amount name their unit (万元), as a bureau's own sheets do.
 */

/**
 * How a column's cells are written: text, an amount in 万元 (a number), a date, a date and time, a
 * whole count, a count to one decimal (a count's 序时应达), or a ratio shown as a percentage.
 */
export type ColumnKind = 'text' | 'wan' | 'date' | 'time' | 'count' | 'decimal' | 'ratio';

export interface WorkbookColumn {
  readonly key: string;
  readonly header: string;
  readonly kind: ColumnKind;
  /** Width in Excel character units (a CJK character is about 2). */
  readonly width: number;
}

export const SHEET_NAMES = {
  projects: '项目台账',
  race: '单位赛马',
  instalments: '到位资金明细',
  trips: '外出招商',
  audit: '变更记录',
} as const;

/** Row 1 is the merged title 「XX区 YYYY 年招商引资项目台账（截至 …）」; the headers are row 2, data from row 3. */
export const TITLE_ROW = 1;
export const HEADER_ROW = 2;

/** 项目台账: one row per project. The first 19 are the columns; the rest keep what a round trip needs. */
export const PROJECT_COLUMNS = [
  { key: 'id', header: '编号', kind: 'text', width: 12 },
  { key: 'name', header: '名称', kind: 'text', width: 32 },
  { key: 'stage', header: '阶段', kind: 'text', width: 7 },
  { key: 'unit', header: '责任单位', kind: 'text', width: 20 },
  { key: 'chain', header: '产业链', kind: 'text', width: 14 },
  { key: 'investor', header: '投资方', kind: 'text', width: 24 },
  { key: 'investmentWan', header: '投资额（万元）', kind: 'wan', width: 14 },
  { key: 'contractType', header: '合同类型', kind: 'text', width: 10 },
  { key: 'contractAmountWan', header: '合同额（万元）', kind: 'wan', width: 14 },
  { key: 'signingDate', header: '签约日期', kind: 'date', width: 12 },
  { key: 'startDeadline', header: '约定开工期限', kind: 'date', width: 13 },
  { key: 'startDate', header: '开工日期', kind: 'date', width: 12 },
  { key: 'startType', header: '开工类型', kind: 'text', width: 11 },
  { key: 'fundsInPlaceWan', header: '到位资金合计（万元）', kind: 'wan', width: 16 },
  { key: 'latestProgress', header: '最新进展', kind: 'text', width: 40 },
  { key: 'problems', header: '问题', kind: 'text', width: 30 },
  { key: 'light', header: '灯色', kind: 'text', width: 7 },
  { key: 'leader', header: '包联领导', kind: 'text', width: 10 },
  { key: 'owner', header: '负责人', kind: 'text', width: 10 },
  { key: 'major', header: '重大项目', kind: 'text', width: 9 },
  { key: 'negotiationSince', header: '在谈日期', kind: 'date', width: 12 },
  { key: 'terminationDate', header: '终止日期', kind: 'date', width: 12 },
  { key: 'terminationReason', header: '终止原因', kind: 'text', width: 24 },
] as const satisfies readonly WorkbookColumn[];

/** 到位资金明细: one row per instalment. */
export const INSTALMENT_COLUMNS = [
  { key: 'projectId', header: '编号', kind: 'text', width: 12 },
  { key: 'projectName', header: '项目名称', kind: 'text', width: 32 },
  { key: 'unit', header: '责任单位', kind: 'text', width: 20 },
  { key: 'date', header: '日期', kind: 'date', width: 12 },
  { key: 'amountWan', header: '金额（万元）', kind: 'wan', width: 14 },
  { key: 'evidence', header: '凭证', kind: 'text', width: 14 },
  { key: 'by', header: '登记人', kind: 'text', width: 10 },
  { key: 'recordedAt', header: '登记时间', kind: 'time', width: 18 },
] as const satisfies readonly WorkbookColumn[];

/** 外出招商: one row per trip. */
export const TRIP_COLUMNS = [
  { key: 'id', header: '编号', kind: 'text', width: 12 },
  { key: 'date', header: '日期', kind: 'date', width: 12 },
  { key: 'destination', header: '去向', kind: 'text', width: 16 },
  { key: 'leader', header: '带队', kind: 'text', width: 10 },
  { key: 'districtLeader', header: '区领导带队', kind: 'text', width: 10 },
  { key: 'enterprises', header: '对接企业', kind: 'text', width: 40 },
  { key: 'enterpriseCount', header: '对接企业数', kind: 'count', width: 10 },
  { key: 'unit', header: '单位', kind: 'text', width: 20 },
  { key: 'by', header: '登记人', kind: 'text', width: 10 },
] as const satisfies readonly WorkbookColumn[];

/** 变更记录: one row per journal record. */
export const AUDIT_COLUMNS = [
  { key: 'seq', header: '序号', kind: 'count', width: 8 },
  { key: 'time', header: '时间', kind: 'time', width: 18 },
  { key: 'who', header: '操作人', kind: 'text', width: 12 },
  { key: 'command', header: '命令', kind: 'text', width: 14 },
  { key: 'message', header: '消息', kind: 'text', width: 40 },
  { key: 'summary', header: '摘要', kind: 'text', width: 30 },
  { key: 'changes', header: '变更（原值 → 新值）', kind: 'text', width: 60 },
] as const satisfies readonly WorkbookColumn[];

/** 单位赛马: the columns before the per-indicator ones. */
export const RACE_LEAD_COLUMNS = [
  { key: 'rank', header: '名次', kind: 'count', width: 6 },
  { key: 'unit', header: '单位', kind: 'text', width: 20 },
  { key: 'colour', header: '颜色', kind: 'text', width: 6 },
  { key: 'score', header: '综合完成率', kind: 'ratio', width: 11 },
  { key: 'board', header: '红黑榜', kind: 'text', width: 8 },
] as const satisfies readonly WorkbookColumn[];

/** 单位赛马: each indicator gets three columns, 「合同额 完成（万元）」「合同额 序时应达（万元）」「合同额 r」. */
export const RACE_INDICATOR_PARTS = { done: '完成', due: '序时应达', ratio: 'r' } as const;

/** 「合同额 完成（万元）」: the unit goes in the header only for amounts. */
export function raceHeader(
  indicatorLabel: string,
  part: keyof typeof RACE_INDICATOR_PARTS,
  unit: string | null,
): string {
  const base = `${indicatorLabel} ${RACE_INDICATOR_PARTS[part]}`;
  return part !== 'ratio' && unit ? `${base}（${unit}）` : base;
}

export type ProjectColumnKey = (typeof PROJECT_COLUMNS)[number]['key'];
export type InstalmentColumnKey = (typeof INSTALMENT_COLUMNS)[number]['key'];
export type TripColumnKey = (typeof TRIP_COLUMNS)[number]['key'];
export type AuditColumnKey = (typeof AUDIT_COLUMNS)[number]['key'];

/** The header a key is written under, e.g. `PROJECT_HEADERS.contractAmountWan` = 「合同额（万元）」. */
export const PROJECT_HEADERS = headersOf(PROJECT_COLUMNS);
export const INSTALMENT_HEADERS = headersOf(INSTALMENT_COLUMNS);
export const TRIP_HEADERS = headersOf(TRIP_COLUMNS);

/** 是/否 for yes-no columns (重大项目, 区领导带队). */
export const YES = '是';
export const NO = '否';

function headersOf<C extends readonly WorkbookColumn[]>(columns: C): { [K in C[number]['key']]: string } {
  return Object.fromEntries(columns.map((c) => [c.key, c.header])) as { [K in C[number]['key']]: string };
}
