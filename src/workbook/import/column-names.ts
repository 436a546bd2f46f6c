import type { LedgerInstalmentRow, LedgerRow, LedgerTripRow } from '../../../storage/ledger-import-input.ts';
import { zh } from '../../text/zh.ts';

/** How a column's cells are read. */
export type CellKind =
  | 'id'
  | 'name'
  | 'text'
  | 'note'
  | 'amount'
  | 'date'
  | 'stage'
  | 'contractType'
  | 'startType'
  | 'yesNo'
  | 'problems'
  | 'list';

export interface ColumnSpec<K extends string> {
  key: K;
  /** The name problems are reported under: 「第 12 行 合同额：…」. */
  label: string;
  kind: CellKind;
  /** The header and the synonyms bureaus write, without the unit. */
  names: readonly string[];
}

const C = zh.importColumn;

type ProjectKey = Exclude<keyof LedgerRow, 'row'>;
type InstalmentKey = Exclude<keyof LedgerInstalmentRow, 'row'>;
type TripKey = Exclude<keyof LedgerTripRow, 'row'>;

/**
 * The 项目台账 columns the import understands: the export's own headers (src/workbook/export) first,
 * then what bureaus call the same thing. A header is matched without spaces, line breaks or its unit.
 */
export const PROJECT_COLUMNS: ReadonlyArray<ColumnSpec<ProjectKey>> = [
  { key: 'id', label: C.id, kind: 'id', names: ['编号', '项目编号'] },
  { key: 'name', label: C.name, kind: 'name', names: ['名称', '项目名称', '项目', '项目名'] },
  {
    key: 'stage',
    label: C.stage,
    kind: 'stage',
    names: ['阶段', '项目阶段', '项目状态', '状态', '推进阶段'],
  },
  {
    key: 'unit',
    label: C.unit,
    kind: 'name',
    names: ['责任单位', '牵头单位', '责任部门', '承办单位', '招商单位', '单位'],
  },
  {
    key: 'chain',
    label: C.chain,
    kind: 'name',
    names: ['产业链', '所属产业', '所属产业链', '产业', '产业类别'],
  },
  {
    key: 'investor',
    label: C.investor,
    kind: 'name',
    names: ['投资方', '签约企业', '投资主体', '投资企业', '投资商', '签约主体', '企业名称'],
  },
  {
    key: 'investmentWan',
    label: C.investment,
    kind: 'amount',
    names: ['投资额', '总投资', '计划投资', '计划总投资', '项目总投资', '投资总额'],
  },
  { key: 'major', label: C.major, kind: 'yesNo', names: ['重大项目', '是否重大项目', '重大'] },
  {
    key: 'negotiationSince',
    label: C.negotiationSince,
    kind: 'date',
    names: ['在谈日期', '在谈时间', '洽谈日期', '洽谈时间'],
  },
  {
    key: 'contractType',
    label: C.contractType,
    kind: 'contractType',
    names: ['合同类型', '签约类型', '协议类型'],
  },
  {
    key: 'contractAmountWan',
    label: C.contractAmount,
    kind: 'amount',
    names: ['合同额', '合同金额', '签约金额', '正式合同额', '签约额', '协议金额'],
  },
  { key: 'signingDate', label: C.signingDate, kind: 'date', names: ['签约日期', '签约时间'] },
  {
    key: 'startDeadline',
    label: C.startDeadline,
    kind: 'date',
    names: ['约定开工期限', '开工期限', '约定开工时间', '约定开工日期'],
  },
  {
    key: 'startDate',
    label: C.startDate,
    kind: 'date',
    names: ['开工日期', '开工时间', '认定开工日期', '实际开工时间'],
  },
  { key: 'startType', label: C.startType, kind: 'startType', names: ['开工类型', '认定开工类型'] },
  {
    key: 'fundsInPlaceWan',
    label: C.funds,
    kind: 'amount',
    names: ['到位资金合计', '到位资金', '累计到位资金', '到位资金累计', '实际到位资金', '到位金额'],
  },
  {
    key: 'leader',
    label: C.leader,
    kind: 'name',
    names: ['包联领导', '联系领导', '包联区领导', '挂帅领导'],
  },
  { key: 'owner', label: C.owner, kind: 'name', names: ['负责人', '项目负责人', '责任人'] },
  {
    key: 'latestProgress',
    label: C.latestProgress,
    kind: 'note',
    names: ['最新进展', '进展情况', '项目进展', '推进情况', '进展'],
  },
  {
    key: 'latestProgressDate',
    label: C.latestProgressDate,
    kind: 'date',
    names: ['最新进展日期', '进展日期', '进展时间', '进展更新日期'],
  },
  {
    key: 'problems',
    label: C.problems,
    kind: 'problems',
    names: ['问题', '存在问题', '存在的问题', '困难问题'],
  },
  { key: 'terminationDate', label: C.terminationDate, kind: 'date', names: ['终止日期', '终止时间'] },
  { key: 'terminationReason', label: C.terminationReason, kind: 'note', names: ['终止原因'] },
];

/** The 到位资金明细 sheet: one row per instalment. */
export const INSTALMENT_COLUMNS: ReadonlyArray<ColumnSpec<InstalmentKey>> = [
  { key: 'projectId', label: C.id, kind: 'id', names: ['编号', '项目编号'] },
  { key: 'projectName', label: C.projectName, kind: 'name', names: ['项目名称', '项目', '名称'] },
  { key: 'unit', label: C.unit, kind: 'name', names: ['责任单位', '单位'] },
  { key: 'date', label: C.date, kind: 'date', names: ['日期', '到位日期', '到位时间'] },
  { key: 'amountWan', label: C.amount, kind: 'amount', names: ['金额', '到位金额', '到位资金'] },
  { key: 'evidence', label: C.evidence, kind: 'name', names: ['凭证'] },
];

/** The 外出招商 sheet: one row per trip. */
export const TRIP_COLUMNS: ReadonlyArray<ColumnSpec<TripKey>> = [
  { key: 'id', label: C.id, kind: 'id', names: ['编号', '外出编号'] },
  { key: 'date', label: C.date, kind: 'date', names: ['日期', '外出日期', '外出时间', '时间'] },
  { key: 'destination', label: C.destination, kind: 'name', names: ['去向', '目的地', '外出地点', '地点'] },
  { key: 'leader', label: C.tripLeader, kind: 'name', names: ['带队', '带队领导', '带队人'] },
  { key: 'districtLeader', label: C.districtLeader, kind: 'yesNo', names: ['区领导带队', '是否区领导带队'] },
  {
    key: 'enterprises',
    label: C.enterprises,
    kind: 'list',
    names: ['对接企业', '对接企业名称', '拜访企业', '洽谈企业'],
  },
  { key: 'unit', label: C.tripUnit, kind: 'name', names: ['单位', '责任单位', '组织单位'] },
];

/** Sheets the import reads 外出招商 trips from. */
export const TRIP_SHEET_NAMES = ['外出招商', '外出招商记录', '招商外出'] as const;

/** Sheets the import reads 到位资金 instalments from, besides the one it was told to read projects from. */
export const INSTALMENT_SHEET_NAMES = ['到位资金明细', '到位资金'] as const;
/** The sheet read when none is named, when it exists. */
export const PROJECT_SHEET_NAME = '项目台账';

/** Words a parent header carries that a sub-header makes redundant: 「签约情况」 over 「时间」 is 「签约时间」. */
export const PARENT_SUFFIXES = /(情况|信息|概况|明细)$/u;
