import type { Workbook } from 'exceljs';
import type { Project } from '../../../storage/schema.ts';
import { sumWan } from '../../domain/money.ts';
import { type Light, projectLight } from '../../race/lights.ts';
import { zh } from '../../text/zh.ts';
import { NO, PROJECT_COLUMNS, type ProjectColumnKey, SHEET_NAMES, YES } from '../columns.ts';
import { cellText, excelDate } from './excel-values.ts';
import type { LedgerData } from './export-scope.ts';
import { lightFill } from './fills.ts';
import { finishSheet, rowOf, startSheet } from './sheet-layout.ts';

const LIGHT_COLUMN = PROJECT_COLUMNS.findIndex((c) => c.key === 'light') + 1;

/** Lights are about what is still to happen: a terminated or producing project has none. */
function hasLight(p: Project): boolean {
  return p.stage !== '终止' && p.stage !== '投产';
}

function projectValues(
  p: Project,
  light: Light | null,
  data: LedgerData,
): Partial<Record<ProjectColumnKey, string | number | Date | null>> {
  const latest = p.notes.at(-1);
  const open = p.problems.filter((q) => !q.solved);
  return {
    id: p.id,
    name: p.name,
    stage: p.stage,
    unit: data.unitName(p.unitId),
    chain: p.chain,
    investor: p.investor,
    investmentWan: p.investmentWan,
    contractType: p.signing?.type ?? null,
    contractAmountWan: p.signing?.amountWan ?? null,
    signingDate: excelDate(p.signing?.date),
    startDeadline: excelDate(p.signing?.startDeadline),
    startDate: excelDate(p.start?.date),
    startType: p.start?.type ?? null,
    fundsInPlaceWan: p.instalments.length ? sumWan(p.instalments.map((i) => i.amountWan)) : null,
    latestProgress: latest ? cellText(zh.workbookNote(latest.date, latest.text)) : null,
    problems: cellText(open.map((q) => zh.workbookProblem(q.category, q.text)).join('；')),
    light: light ? (zh.lightWord[light] ?? null) : null,
    leader: p.leaderName,
    owner: p.ownerName,
    major: p.major ? YES : NO,
    negotiationSince: excelDate(p.negotiationSince),
    terminationDate: excelDate(p.termination?.date),
    terminationReason: p.termination?.reason ?? null,
  };
}

/** 项目台账: one row per project, its light as the 灯色 cell's fill. */
export function addProjectsSheet(workbook: Workbook, title: string, data: LedgerData): void {
  const sheet = startSheet(workbook, SHEET_NAMES.projects, title, PROJECT_COLUMNS);
  for (const p of data.projects) {
    const light = hasLight(p) ? projectLight(p, data.options.asOf, data.settings).light : null;
    const row = sheet.addRow(rowOf(PROJECT_COLUMNS, projectValues(p, light, data)));
    if (light) row.getCell(LIGHT_COLUMN).fill = lightFill(light);
  }
  finishSheet(sheet, PROJECT_COLUMNS.length);
}
