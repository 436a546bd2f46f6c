import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilePersistence } from '../storage/file-persistence.ts';
import { Store } from '../storage/store.ts';
import { blockWatch } from './block-watch.ts';
import { ms } from './measure.ts';
import { type Size, syntheticDistrict } from './synthetic-district.ts';

export interface SnapshotPause {
  projects: number;
  /** The longest the event loop was kept from running while a background snapshot was written. */
  longestBlockMs: number;
  /** The whole snapshot, from start to the file in place. */
  totalMs: number;
  bytes: number;
  /** What writing the document in one piece on the main thread (the old way) blocked for. */
  wholeStringifyMs: number;
}

/**
 * A background snapshot of a large district after `changes` reports: the text of unchanged records
 * is reused, so only the changed ones are serialised on the main thread; the file is written in
 * chunks by libuv's pool. Measured as the longest event-loop block while it runs.
 */
export async function snapshotPause(size: Size, today: string, changes = 500): Promise<SnapshotPause> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-bench-snapshot-'));
  try {
    const doc = syntheticDistrict(size, today);
    const started = performance.now();
    JSON.stringify(doc);
    const wholeStringifyMs = performance.now() - started;
    writeFileSync(join(dir, 'saima.json'), JSON.stringify(doc));
    const persistence = new FilePersistence(dir, { snapshotEvery: 1e9, snapshotAfterMs: 3_600_000 });
    const store = await Store.open(persistence);
    const ids = Object.keys(doc.projects);
    const at = new Date(`${today}T10:00:00+08:00`);
    for (let i = 0; i < changes; i++) {
      store.addProgressNote(
        { actor: 'bench', command: '进度', at },
        ids[(i * 7919) % ids.length] as string,
        `第${i}次调度`,
      );
    }
    await store.durable();
    const watch = blockWatch();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const t = performance.now();
    await persistence.flush();
    const totalMs = performance.now() - t;
    const seen = await watch.stop();
    const longestBlockMs = Math.max(seen.gapMs, seen.delayMaxMs);
    const bytes = statSync(join(dir, 'saima.json')).size;
    await store.close();
    return { projects: size.projects, longestBlockMs, totalMs, bytes, wholeStringifyMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function snapshotPauseLine(r: SnapshotPause, goalMs: number): string {
  return `  ${String(r.projects).padStart(6)} projects: longest event-loop block ${ms(r.longestBlockMs)} (goal < ${goalMs} ms: ${r.longestBlockMs < goalMs ? 'met' : 'NOT met'}); whole snapshot ${ms(r.totalMs)}, ${(r.bytes / 1e6).toFixed(1)} MB; writing it in one piece on the main thread would block ${ms(r.wholeStringifyMs)}`;
}

/** Background snapshots at 5k and 50k projects, each against its goal. */
export async function snapshotPauseBench(): Promise<string[]> {
  const today = '2026-11-29';
  const lines = [
    'background snapshot after 500 reports (only changed records serialised; written in chunks by the thread pool):',
  ];
  for (const [factor, goal] of [
    [1, 50],
    [10, 100],
  ] as const) {
    const r = await snapshotPause(
      { projects: 5_000 * factor, units: 60, notes: 100_000 * factor, instalments: 20_000 * factor },
      today,
    );
    lines.push(snapshotPauseLine(r, goal));
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${(await snapshotPauseBench()).join('\n')}\n`);
}
