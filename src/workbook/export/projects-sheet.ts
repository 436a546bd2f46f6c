import type { Workbook } from 'exceljs';
import { sumWan } from '../../domain/money.ts';
import { zh } from '../../text/zh.ts';
import { NO, PROJECT_COLUMNS, type ProjectColumnKey, SHEET_NAMES, YES } from '../columns.ts';
import { cellText, excelDate } from './excel-values.ts';
import type { ExportProject, LedgerData } from './export-scope.ts';
import { lightFill } from './fills.ts';
import { rowOf, startSheet, turn, YIELD_EVERY_ROWS } from './sheet-layout.ts';

const LIGHT_COLUMN = PROJECT_COLUMNS.findIndex((c) => c.key === 'light') + 1;

function projectValues(
  p: ExportProject,
  data: LedgerData,
): Partial<Record<ProjectColumnKey, string | number | Date | null>> {
  const latest = p.latestNote;
  const open = p.openProblems;
  const light = p.light;
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
export async function addProjectsSheet(workbook: Workbook, title: string, data: LedgerData): Promise<void> {
  const writer = startSheet(workbook, SHEET_NAMES.projects, title, PROJECT_COLUMNS);
  let n = 0;
  for (const p of data.projects) {
    writer.add(
      rowOf(PROJECT_COLUMNS, projectValues(p, data)),
      p.light ? [[LIGHT_COLUMN, lightFill(p.light)]] : [],
    );
    if (++n % YIELD_EVERY_ROWS === 0) await turn();
  }
  writer.finish();
}
