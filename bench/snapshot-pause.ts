import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { FilePersistence } from '../storage/file-persistence.ts';
import { Store } from '../storage/store.ts';
import { blockWatch } from './block-watch.ts';
import { ms, spread } from './measure.ts';
import { type Size, syntheticDistrict } from './synthetic-district.ts';

/** One background snapshot, measured from the outside. */
export interface SnapshotRound {
  /** The longest the event loop was kept from running while the snapshot was written. */
  longestBlockMs: number;
  /** Of that longest block, the main thread running, and waiting for a CPU (Linux; null elsewhere). */
  runMs: number | null;
  waitMs: number | null;
  /** The longest garbage collection pause while it was written. */
  longestGcMs: number;
  /** The whole snapshot, from start to the file in place. */
  totalMs: number;
}

export interface SnapshotPause {
  projects: number;
  rounds: SnapshotRound[];
  bytes: number;
  /** What writing the document in one piece on the main thread (the old way) blocked for. */
  wholeStringifyMs: number;
}

/**
 * Background snapshots of a large district, each after `changes` reports: the text of unchanged
 * records is reused, so only the changed ones are serialised on the main thread, and the file is
 * written in chunks by libuv's pool. Each is measured as the longest event-loop block while it runs.
 */
export async function snapshotPause(
  size: Size,
  today: string,
  changes = 500,
  rounds = 3,
): Promise<SnapshotPause> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-bench-snapshot-'));
  try {
    // the generated document is dropped once written: the heap holds the store's copy only, as a server's does
    const { ids, wholeStringifyMs } = (() => {
      const doc = syntheticDistrict(size, today);
      const started = performance.now();
      const text = JSON.stringify(doc);
      const wholeStringifyMs = performance.now() - started;
      writeFileSync(join(dir, 'saima.json'), text);
      return { ids: Object.keys(doc.projects), wholeStringifyMs };
    })();
    const persistence = new FilePersistence(dir, { snapshotEvery: 1e9, snapshotAfterMs: 3_600_000 });
    const store = await Store.open(persistence);
    const at = new Date(`${today}T10:00:00+08:00`);
    const out: SnapshotRound[] = [];
    let n = 0;
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < changes; i++, n++) {
        store.addProgressNote(
          { actor: 'bench', command: '进度', at },
          ids[(n * 7919) % ids.length] as string,
          `第${n}次调度`,
        );
      }
      await store.durable();
      let longestGcMs = 0;
      const gc = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longestGcMs = Math.max(longestGcMs, entry.duration);
      });
      gc.observe({ entryTypes: ['gc'] });
      const watch = blockWatch({ cpu: true });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const t = performance.now();
      await persistence.flush();
      const totalMs = performance.now() - t;
      const seen = await watch.stop();
      gc.disconnect();
      out.push({
        longestBlockMs: Math.max(seen.gapMs, seen.delayMaxMs),
        runMs: seen.longestRunMs,
        waitMs: seen.longestWaitMs,
        longestGcMs,
        totalMs,
      });
    }
    const bytes = statSync(join(dir, 'saima.json')).size;
    await store.close();
    return { projects: size.projects, rounds: out, bytes, wholeStringifyMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function snapshotPauseLines(r: SnapshotPause, goalMs: number): string[] {
  const blocks = spread(r.rounds.map((x) => x.longestBlockMs));
  const totals = spread(r.rounds.map((x) => x.totalMs));
  const each = r.rounds.map((x) => {
    const cpu = x.runMs === null ? '' : ` (running ${ms(x.runMs)}, waiting for a CPU ${ms(x.waitMs ?? 0)})`;
    return `    ${ms(x.longestBlockMs)}${cpu}, longest GC pause ${ms(x.longestGcMs)}, whole snapshot ${ms(x.totalMs)}`;
  });
  return [
    `  ${String(r.projects).padStart(6)} projects, ${r.rounds.length} snapshots: longest event-loop block min ${ms(blocks.min)}, median ${ms(blocks.median)}, max ${ms(blocks.max)} (goal < ${goalMs} ms: ${blocks.max < goalMs ? 'met' : 'NOT met'}); whole snapshot ${ms(totals.min)}–${ms(totals.max)}, ${(r.bytes / 1e6).toFixed(1)} MB; writing it in one piece on the main thread would block ${ms(r.wholeStringifyMs)}`,
    ...each,
  ];
}

/** Background snapshots at 5k and 50k projects, each against its goal. */
export async function snapshotPauseBench(): Promise<string[]> {
  const today = '2026-11-29';
  const lines = [
    'background snapshots, each after 500 reports (only changed records serialised; written in chunks by the thread pool):',
  ];
  for (const [factor, goal] of [
    [1, 50],
    [10, 100],
  ] as const) {
    const r = await snapshotPause(
      { projects: 5_000 * factor, units: 60, notes: 100_000 * factor, instalments: 20_000 * factor },
      today,
    );
    lines.push(...snapshotPauseLines(r, goal));
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${(await snapshotPauseBench()).join('\n')}\n`);
}
