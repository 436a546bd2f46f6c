import type { Workbook } from 'exceljs';
import { zh } from '../../text/zh.ts';
import { INSTALMENT_COLUMNS, SHEET_NAMES } from '../columns.ts';
import { excelDate, excelTime } from './excel-values.ts';
import type { LedgerData } from './export-scope.ts';
import { finishSheet, rowOf, startSheet } from './sheet-layout.ts';

/** 到位资金明细: every instalment up to the day, by project then date; the 项目台账's 合计 add these up. */
export function addInstalmentsSheet(workbook: Workbook, title: string, data: LedgerData): number {
  const sheet = startSheet(
    workbook,
    SHEET_NAMES.instalments,
    zh.workbookSheetTitle(title, SHEET_NAMES.instalments),
    INSTALMENT_COLUMNS,
  );
  let rows = 0;
  for (const p of data.projects) {
    const unit = data.unitName(p.unitId);
    const byDate = [...p.instalments].sort(
      (a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at),
    );
    for (const i of byDate) {
      sheet.addRow(
        rowOf(INSTALMENT_COLUMNS, {
          projectId: p.id,
          projectName: p.name,
          unit,
          date: excelDate(i.date),
          amountWan: i.amountWan,
          evidence: i.evidence,
          by: data.personName(i.by),
          recordedAt: excelTime(i.at),
        }),
      );
      rows++;
    }
  }
  finishSheet(sheet, INSTALMENT_COLUMNS.length);
  return rows;
}
