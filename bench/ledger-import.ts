import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { readLedgerWorkbook } from '../src/workbook/import/read-ledger-workbook.ts';
import { runLedgerImport } from '../src/workbook/import/run-ledger-import.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import type { StoreDocument } from '../storage/schema.ts';
import { Store } from '../storage/store.ts';
import { benchDir, dirBytes, isSnapshotFile, mb } from './bench-bot.ts';
import { ms, spread } from './measure.ts';
import { syntheticDistrict } from './synthetic-district.ts';

const NOW = new Date('2026-11-29T10:00:00+08:00');
const TODAY = '2026-11-29';
const SIZE = { projects: 5_000, units: 60, notes: 5_000, instalments: 20_000 };
const ROUNDS = 3;
const GOAL_MS = 10_000;

const day = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null);

/**
 * The district's projects as a bureau's workbook: a merged title, bureau headers (合同金额 in 亿元,
 * 总投资 in 万元), text and real dates, a 合计 row, and a 到位资金明细 sheet of every instalment.
 */
async function bureauWorkbook(doc: StoreDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const units = new Map(Object.values(doc.units).map((u) => [u.id, u.name]));
  const ws = wb.addWorksheet('项目台账');
  const header = [
    '序号',
    '编号',
    '项目名称',
    '阶段',
    '牵头单位',
    '所属产业',
    '总投资（万元）',
    '签约时间',
    '合同金额（亿元）',
    '合同类型',
    '开工时间',
    '开工类型',
    '终止时间',
    '终止原因',
    '最新进展',
  ];
  ws.addRow(['某区2026年招商引资项目台账']);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(header);
  let n = 0;
  for (const p of Object.values(doc.projects)) {
    ws.addRow([
      ++n,
      p.id,
      p.name,
      p.stage,
      units.get(p.unitId),
      p.chain,
      p.investmentWan,
      n % 2 ? day(p.signing?.date) : p.signing?.date.replaceAll('-', '/'),
      p.signing ? p.signing.amountWan / 10_000 : null,
      p.signing?.type,
      day(p.start?.date),
      p.start?.type,
      day(p.termination?.date),
      p.termination?.reason,
      p.notes.at(-1)?.text,
    ]);
  }
  ws.addRow(['合计']);
  const funds = wb.addWorksheet('到位资金明细');
  funds.addRow(['编号', '项目名称', '日期', '金额（万元）', '凭证']);
  for (const p of Object.values(doc.projects))
    for (const i of p.instalments) funds.addRow([p.id, p.name, day(i.date), i.amountWan, i.evidence]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The district as it stands before its first import: units, members, targets and trips, no projects. */
function withoutProjects(doc: StoreDocument): StoreDocument {
  const empty = structuredClone(doc);
  empty.projects = {};
  return empty;
}

interface Round {
  readMs: number;
  writeMs: number;
  totalMs: number;
  again: number;
  undoMs: number;
  peakRssMb: number;
  peakHeapMb: number;
  journalBytes: number;
}

async function oneRound(bytes: Buffer, before: StoreDocument): Promise<Round> {
  const dir = benchDir();
  writeFileSync(join(dir, 'saima.json'), JSON.stringify(before));
  const store = await Store.open(
    new FilePersistence(dir, { snapshotEvery: 1_000_000, snapshotAfterMs: 3_600_000 }),
  );
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 10);
  try {
    const deps = { store, admins: new Set(['lisi']), clock: { now: () => NOW } };
    const t0 = performance.now();
    const read = await readLedgerWorkbook(bytes, '台账.xlsx');
    const t1 = performance.now();
    const outcome = await runLedgerImport(deps, { as: 'lisi', input: read.input, dryRun: false });
    const t2 = performance.now();
    sample();
    if (outcome.kind !== 'written' || outcome.added.length !== SIZE.projects)
      throw new Error(
        `bench import did not write ${SIZE.projects} projects: ${JSON.stringify(outcome).slice(0, 500)}`,
      );
    const journalBytes = dirBytes(dir, (name) => !isSnapshotFile(name));
    const t3 = performance.now();
    const reread = await readLedgerWorkbook(bytes, '台账.xlsx');
    const again = await runLedgerImport(deps, { as: 'lisi', input: reread.input, dryRun: false });
    const againMs = performance.now() - t3;
    if (again.kind !== 'written' || again.unchanged !== SIZE.projects)
      throw new Error('bench re-import changed something');
    const t4 = performance.now();
    store.undoLast({ actor: 'lisi', command: 'undo', at: NOW }, 24 * 3600_000);
    await store.durable();
    const undoMs = performance.now() - t4;
    return {
      readMs: t1 - t0,
      writeMs: t2 - t1,
      totalMs: t2 - t0,
      again: againMs,
      undoMs,
      peakRssMb: peakRss / 1024 / 1024,
      peakHeapMb: peakHeap / 1024 / 1024,
      journalBytes,
    };
  } finally {
    clearInterval(sampler);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run bench` section `import`: a bureau's workbook of 5,000 projects into a district without any. */
export async function ledgerImportBench(): Promise<string[]> {
  const doc = syntheticDistrict({ ...SIZE, members: 0 }, TODAY);
  const bytes = await bureauWorkbook(doc);
  const before = withoutProjects(doc);
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await oneRound(bytes, before));
  const total = spread(rounds.map((r) => r.totalMs));
  const fmt = (values: number[]) => {
    const s = spread(values);
    return `${ms(s.median)} (min ${ms(s.min)}, max ${ms(s.max)})`;
  };
  return [
    `Excel 台账 import — ${SIZE.projects} projects and ${SIZE.instalments} instalments, workbook ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${ROUNDS} rounds:`,
    `  read the workbook (unzip guard, exceljs, headers, cells): ${fmt(rounds.map((r) => r.readMs))}`,
    `  check against the ledger and write one change (fdatasync): ${fmt(rounds.map((r) => r.writeMs))}`,
    `  whole import ${ms(total.median)} (min ${ms(total.min)}, max ${ms(total.max)}) — goal < 10 s: ${total.max < GOAL_MS ? 'met' : 'NOT met'}`,
    `  re-import of the same file (all unchanged, nothing written): ${fmt(rounds.map((r) => r.again))}; 撤销 of the import: ${fmt(rounds.map((r) => r.undoMs))}`,
    `  memory: peak RSS ${spread(rounds.map((r) => r.peakRssMb)).max.toFixed(0)} MB, peak heap ${spread(rounds.map((r) => r.peakHeapMb)).max.toFixed(0)} MB (the whole bench process, the source district included); the import's journal line ${mb(rounds[0]?.journalBytes ?? 0)}`,
  ];
}
