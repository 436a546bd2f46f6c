import type { Workbook } from 'exceljs';
import { zh } from '../../text/zh.ts';
import { INSTALMENT_COLUMNS, SHEET_NAMES } from '../columns.ts';
import { excelDate, excelTime } from './excel-values.ts';
import type { LedgerData } from './export-scope.ts';
import { rowOf, startSheet, turn, YIELD_EVERY_ROWS } from './sheet-layout.ts';

/** 到位资金明细: every instalment up to the day, by project then date; the 项目台账's 合计 add these up. */
export async function addInstalmentsSheet(
  workbook: Workbook,
  title: string,
  data: LedgerData,
): Promise<number> {
  const writer = startSheet(
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
      writer.add(
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
      if (++rows % YIELD_EVERY_ROWS === 0) await turn();
    }
  }
  writer.finish();
  return rows;
}
