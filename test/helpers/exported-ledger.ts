import ExcelJS from 'exceljs';
import { sumWan } from '../../src/domain/money.ts';
import type { Project } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';

/**
 * The headers and cell forms the export writes (src/workbook/columns.ts and export/projects-sheet.ts
 * on the export branch: 最新进展 「2026-11-20 进展」, 问题 「土地：…；资金：…」), so the import is held
 * to them before the two halves meet. Row 1 is the merged title, row 2 the headers.
 */
export const EXPORT_PROJECT_HEADERS = [
  '编号',
  '名称',
  '阶段',
  '责任单位',
  '产业链',
  '投资方',
  '投资额（万元）',
  '合同类型',
  '合同额（万元）',
  '签约日期',
  '约定开工期限',
  '开工日期',
  '开工类型',
  '到位资金合计（万元）',
  '最新进展',
  '问题',
  '灯色',
  '包联领导',
  '负责人',
  '重大项目',
  '在谈日期',
  '终止日期',
  '终止原因',
] as const;

export const EXPORT_INSTALMENT_HEADERS = [
  '编号',
  '项目名称',
  '责任单位',
  '日期',
  '金额（万元）',
  '凭证',
  '登记人',
  '登记时间',
] as const;

export const EXPORT_TRIP_HEADERS = [
  '编号',
  '日期',
  '去向',
  '带队',
  '区领导带队',
  '对接企业',
  '对接企业数',
  '单位',
  '登记人',
] as const;

const day = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null);

function projectRow(p: Project, unitName: string): unknown[] {
  const open = p.problems.filter((q) => !q.solved);
  const latest = p.notes.at(-1);
  return [
    p.id,
    p.name,
    p.stage,
    unitName,
    p.chain,
    p.investor,
    p.investmentWan,
    p.signing?.type ?? null,
    p.signing?.amountWan ?? null,
    day(p.signing?.date),
    day(p.signing?.startDeadline),
    day(p.start?.date),
    p.start?.type ?? null,
    sumWan(p.instalments.map((i) => i.amountWan)),
    latest ? `${latest.date} ${latest.text}` : null,
    open.map((q) => `${q.category}：${q.text}`).join('；') || null,
    '🟢',
    p.leaderName,
    p.ownerName,
    p.major ? '是' : '否',
    day(p.negotiationSince),
    day(p.termination?.date),
    p.termination?.reason ?? null,
  ];
}

/** A workbook shaped as the export writes one, from a store: 项目台账, 到位资金明细 and 外出招商. */
export async function exportedLedger(store: Store): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const units = new Map(store.units().map((u) => [u.id, u.name]));
  const projects = store.projects();
  const sheet = wb.addWorksheet('项目台账');
  sheet.addRow(['演示区 2026 年招商引资项目台账（截至 2026-11-29）']);
  sheet.mergeCells(1, 1, 1, EXPORT_PROJECT_HEADERS.length);
  sheet.addRow([...EXPORT_PROJECT_HEADERS]);
  for (const p of projects) sheet.addRow(projectRow(p, units.get(p.unitId) ?? ''));
  const funds = wb.addWorksheet('到位资金明细');
  funds.addRow(['到位资金明细']);
  funds.mergeCells(1, 1, 1, EXPORT_INSTALMENT_HEADERS.length);
  funds.addRow([...EXPORT_INSTALMENT_HEADERS]);
  for (const p of projects)
    for (const i of p.instalments)
      funds.addRow([p.id, p.name, units.get(p.unitId), day(i.date), i.amountWan, i.evidence, i.by, i.at]);
  const trips = wb.addWorksheet('外出招商');
  trips.addRow(['外出招商']);
  trips.mergeCells(1, 1, 1, EXPORT_TRIP_HEADERS.length);
  trips.addRow([...EXPORT_TRIP_HEADERS]);
  for (const t of store.trips())
    trips.addRow([
      t.id,
      day(t.date),
      t.destination,
      t.leaderName,
      t.ledByDistrictLeader ? '是' : '否',
      t.enterprises.join('、') || null,
      t.enterprises.length,
      t.unitId ? units.get(t.unitId) : null,
      t.by,
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
