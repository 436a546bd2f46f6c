import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Store } from '../../../storage/store.ts';
import { zh } from '../../text/zh.ts';
import { type AuditSource, addAuditSheet } from './audit-sheet.ts';
import { type LedgerExportOptions, ledgerData } from './export-scope.ts';
import { addInstalmentsSheet } from './instalments-sheet.ts';
import { addProjectsSheet } from './projects-sheet.ts';
import { addRaceSheet } from './race-sheet.ts';
import { turn } from './sheet-layout.ts';
import { addTripsSheet } from './trips-sheet.ts';

export type { AuditSource } from './audit-sheet.ts';
export type { LedgerExportOptions } from './export-scope.ts';

export interface LedgerWorkbookInput {
  /** Read only: the export never writes to the store. */
  store: Store;
  options: LedgerExportOptions;
  /** The journal's records for 变更记录 (null: a store without a journal, e.g. in memory). */
  audit: AuditSource | null;
  /** How the 变更记录 names a command id (the command's Chinese trigger); the id itself by default. */
  commandName?: (id: string) => string;
}

export interface LedgerCounts {
  projects: number;
  instalments: number;
  trips: number;
  changes: number;
}

/**
 * The 台账 workbook as the bytes of an .xlsx file, the same for `npm run export`, 导出台账 and the web
 * page: 项目台账, 单位赛马, 到位资金明细, 外出招商 and 变更记录, each with the title row, frozen headers
 * and an autofilter. Written with exceljs' streaming writer: each row is encoded once, as it is
 * added, instead of a whole workbook model being kept and written at the end.
 */
export async function ledgerWorkbookBytes(
  input: LedgerWorkbookInput,
): Promise<{ bytes: Buffer; counts: LedgerCounts }> {
  const { store, options } = input;
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const data = ledgerData(store, options);
  const scope = options.unitId ? zh.workbookUnitScope(data.unitName(options.unitId)) : '';
  const title = `${zh.workbookTitle(options.districtName, options.year, options.asOf)}${scope}`;
  workbook.creator = 'saima';
  workbook.title = title;
  await addProjectsSheet(workbook, title, data);
  await turn();
  addRaceSheet(workbook, title, store, options.asOf, data.settings);
  await turn();
  const instalments = await addInstalmentsSheet(workbook, title, data);
  const trips = addTripsSheet(workbook, title, data);
  const projectNames = new Map(data.projects.map((p) => [p.id, p.name]));
  const unitNames = new Map(store.units().map((u) => [u.id, u.name]));
  const changes = await addAuditSheet(workbook, title, data, input.audit, {
    unitName: data.unitName,
    recordName: (c, id) =>
      (c === 'projects' ? projectNames.get(id) : c === 'units' ? unitNames.get(id) : null) ?? null,
    commandName: input.commandName ?? ((id) => id),
  });
  await workbook.commit();
  await ended;
  return {
    bytes: Buffer.concat(chunks),
    counts: { projects: data.projects.length, instalments, trips, changes },
  };
}
