import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { commandNameOf } from '../src/ledger-export.ts';
import { type AuditSource, ledgerWorkbookBytes } from '../src/workbook/export/ledger-workbook.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import type { JournalRecord } from '../storage/journal-record.ts';
import { Store } from '../storage/store.ts';
import { blockWatch } from './block-watch.ts';
import { measure, ms } from './measure.ts';
import { progressJournal } from './progress-journal.ts';
import { syntheticDistrict } from './synthetic-district.ts';

const SIZE = { projects: 5_000, units: 60, notes: 100_000, instalments: 20_000 };
const TODAY = '2026-11-29';
/** A year of reports for 变更记录: about what 200 reporters send in a busy year. */
const AUDIT_RECORDS = 50_000;
const GOAL_MS = 3_000;

async function* replayed(records: JournalRecord[]): AuditSource {
  yield* records;
}

/** A full collection before measuring, so the heap's growth is the export's and not the set-up's garbage. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/**
 * `npm run export` / 导出台账 on a 5,000-project district (issue 13: under 3 s): the whole district's
 * workbook with a year's 变更记录, and one unit's; the memory it takes and the longest the event loop
 * waits while the server builds it.
 */
export async function exportBench(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-bench-export-'));
  try {
    const doc = syntheticDistrict(SIZE, TODAY);
    writeFileSync(join(dir, 'saima.json'), JSON.stringify(doc));
    const store = await Store.open(
      new FilePersistence(dir, { snapshotEvery: 1e9, snapshotAfterMs: 3_600_000 }),
    );
    const records = [...progressJournal(Object.keys(doc.projects), AUDIT_RECORDS, 6)];
    const district = { year: 2026, asOf: TODAY, unitId: null, districtName: '基准区' };
    let size = 0;
    let counts = { projects: 0, instalments: 0, trips: 0, changes: 0 };
    let peakHeap = 0;
    const exportOf = (unitId: string | null, audit: JournalRecord[] | null) => async () => {
      const r = await ledgerWorkbookBytes({
        store,
        options: { ...district, unitId },
        audit: audit ? replayed(audit) : null,
        commandName: commandNameOf,
      });
      size = r.bytes.length;
      counts = r.counts;
    };
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const peakRssBefore = process.resourceUsage().maxRSS * 1024;
    // the export lets the loop run every 1,000 rows, so a sampler sees the heap while it works
    const sampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 10);
    const watch = blockWatch();
    const projectsOnly = await measure(exportOf(null, null), 5, 1);
    const withAudit = await measure(exportOf(null, records), 3, 1);
    const blocks = await watch.stop();
    clearInterval(sampler);
    const auditCounts = counts;
    const districtSize = size;
    const oneUnit = await measure(exportOf('U001', records), 5, 1);
    const peakRss = process.resourceUsage().maxRSS * 1024;
    await store.close();
    const met = (t: { median: number }) => (t.median < GOAL_MS ? 'met' : 'NOT met');
    return [
      `台账 export (issue 13) — ${auditCounts.projects} projects, ${auditCounts.instalments} instalments, ${auditCounts.trips} trips; 变更记录 of ${auditCounts.changes} changes; .xlsx ${mb(districtSize)}`,
      `  whole district, 变更记录 empty: median ${ms(projectsOnly.median)}, max ${ms(projectsOnly.max)} — goal < ${GOAL_MS / 1000} s: ${met(projectsOnly)}`,
      `  whole district with a year's ${auditCounts.changes} changes: median ${ms(withAudit.median)}, max ${ms(withAudit.max)} — goal < ${GOAL_MS / 1000} s: ${met(withAudit)}`,
      `  one unit (a member's 导出台账, its changes only): median ${ms(oneUnit.median)}`,
      `  memory: heap ${mb(heapBefore)} with the district loaded, at most ${mb(peakHeap)} while exporting (+${mb(Math.max(0, peakHeap - heapBefore))}); the process's peak RSS ${mb(peakRssBefore)} → ${mb(peakRss)}`,
      `  longest event-loop block during the whole-district exports (what a server's members would wait): ${ms(Math.max(blocks.gapMs, blocks.delayMaxMs))}`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
