import type { Workbook } from 'exceljs';
import { zh } from '../../text/zh.ts';
import { NO, SHEET_NAMES, TRIP_COLUMNS, YES } from '../columns.ts';
import { excelDate } from './excel-values.ts';
import type { LedgerData } from './export-scope.ts';
import { rowOf, startSheet } from './sheet-layout.ts';

/** 外出招商: the year's trips up to the day; 区领导带队 says which count as the district's. */
export function addTripsSheet(workbook: Workbook, title: string, data: LedgerData): number {
  const writer = startSheet(
    workbook,
    SHEET_NAMES.trips,
    zh.workbookSheetTitle(title, SHEET_NAMES.trips),
    TRIP_COLUMNS,
  );
  for (const t of data.trips) {
    writer.add(
      rowOf(TRIP_COLUMNS, {
        id: t.id,
        date: excelDate(t.date),
        destination: t.destination,
        leader: t.leaderName,
        districtLeader: t.ledByDistrictLeader ? YES : NO,
        enterprises: t.enterprises.join('、') || null,
        enterpriseCount: t.enterprises.length,
        unit: data.unitName(t.unitId) || null,
        by: data.personName(t.by),
      }),
    );
  }
  writer.finish();
  return data.trips.length;
}
