import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/core/logger.ts';
import type { PushChannel } from '../src/delivery/push-channel.ts';
import { fiveColourSvg, stopPictureRenderer, svgToPng } from '../src/picture/five-colour-chart.ts';
import { OutboxWorker } from '../src/push/outbox-worker.ts';
import { PushService } from '../src/push/push-service.ts';
import { rankUnits } from '../src/race/ranking.ts';
import { readSettings } from '../src/race/settings.ts';
import { renderWecomMarkdown } from '../src/render/wecom-markdown.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import type { Scope } from '../storage/schema.ts';
import { Store } from '../storage/store.ts';
import { blockWatch } from './block-watch.ts';
import { ms } from './measure.ts';
import { type Size, syntheticDistrict } from './synthetic-district.ts';

const GROUPS = 500;
const BLOCK_GOAL_MS = 50;

/** Every bound group of the bench district: the district group, one per task force, the rest unit groups. */
function bindGroups(store: Store, at: Date): { district: number; chains: number; units: number } {
  const meta = { actor: 'bench', command: 'bench', at };
  const units = store.units();
  const chainNames = [
    ...new Set(store.scanProjects((ps) => ps.map((p) => p.chain).filter((c) => c !== null))),
  ];
  chainNames.forEach((name, i) => {
    const lead = units[i % units.length];
    store.setChain(meta, {
      name,
      headName: null,
      leadUnitId: lead?.id ?? null,
      memberUnitIds: units.filter((_, k) => k % chainNames.length === i).map((u) => u.id),
    });
  });
  const scopes: Scope[] = [
    { kind: 'district' },
    ...chainNames.map((chain): Scope => ({ kind: 'chain', chain })),
  ];
  for (let i = 0; scopes.length < GROUPS; i++)
    scopes.push({ kind: 'unit', unitId: (units[i % units.length] as { id: string }).id });
  // one change for all bindings would be quicker, but binding is a person's command, one at a time
  scopes.forEach((scope, i) => {
    store.bindChat(meta, { platform: 'bench', chatId: `group-${i}`, scope });
  });
  return { district: 1, chains: chainNames.length, units: scopes.length - 1 - chainNames.length };
}

/** Bytes in the data directory, and the longest line of its journal files: what one run adds. */
function dataDirFigures(dir: string): { bytes: number; longestLine: number } {
  let bytes = 0;
  let longestLine = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const size = statSync(path).size;
    bytes += size;
    if (!name.endsWith('.jsonl')) continue;
    for (const line of readFileSync(path, 'utf8').split('\n'))
      longestLine = Math.max(longestLine, Buffer.byteLength(line));
  }
  return { bytes, longestLine };
}

/** A platform that accepts everything after one turn of the event loop, as a network call would. */
const benchChannel: PushChannel = {
  platform: 'bench',
  limit: 4096,
  renderPush: renderWecomMarkdown,
  send: () => new Promise((resolve) => setImmediate(() => resolve({ ok: true }))),
};

/** 每月通报 to 500 groups on the bench district, from the run's start until every message is written and sent. */
async function monthlyPush(size: Size, today: string, now: Date): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-bench-push-'));
  writeFileSync(join(dir, 'saima.json'), JSON.stringify(syntheticDistrict(size, today)));
  const store = await Store.open(
    new FilePersistence(dir, { snapshotEvery: 1_000_000, snapshotAfterMs: 3_600_000 }),
  );
  const groups = bindGroups(store, now);
  const clock = { now: () => now };
  const channels = new Map([['bench', benchChannel]]);
  const worker = new OutboxWorker({ store, channels, logger: silentLogger, clock });
  const pushes = new PushService({
    store,
    clock,
    worker,
    channels,
    pictureDir: join(dir, 'pictures'),
    logger: silentLogger,
  });
  const before = dataDirFigures(dir);
  const watch = blockWatch();
  const start = performance.now();
  const run = await pushes.run('monthly', now, 'manual');
  const written = performance.now() - start;
  const duringRun = await watch.stop();
  const after = dataDirFigures(dir);
  const deliveryWatch = blockWatch();
  const deliveryStart = performance.now();
  await worker.idle();
  await worker.kick();
  const delivered = performance.now() - deliveryStart;
  const duringDelivery = await deliveryWatch.stop();
  const sent = store.outbox((i) => i.status === 'sent').length;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const longest = Math.max(duringRun.gapMs, duringDelivery.gapMs);
  return [
    `monthly push (每月通报) to ${GROUPS} groups (${groups.district} district, ${groups.chains} task-force, ${groups.units} unit groups) on ${size.projects} projects (machine load average ${loadavg()[0]?.toFixed(1)}: a block includes time the OS gave other processes):`,
    `  run (content of every group + outbox written): ${ms(written)}, ${run?.deliveries ?? 0} messages; longest event-loop block ${ms(duringRun.gapMs)} (monitorEventLoopDelay max ${ms(duringRun.delayMaxMs)})`,
    `  outbox: data dir grew by ${(after.bytes - before.bytes) / 1024 < 1024 ? `${((after.bytes - before.bytes) / 1024).toFixed(0)} KB` : `${((after.bytes - before.bytes) / 1048576).toFixed(1)} MB`}, longest journal line ${(after.longestLine / 1024).toFixed(0)} KB`,
    `  delivery of all ${sent} messages to a platform that answers at once: ${ms(delivered)}; longest event-loop block ${ms(duringDelivery.gapMs)} (monitorEventLoopDelay max ${ms(duringDelivery.delayMaxMs)})`,
    `  longest event-loop block over run and delivery: ${ms(longest)} — goal < ${BLOCK_GOAL_MS} ms: ${longest < BLOCK_GOAL_MS ? 'met' : 'NOT met'}`,
  ];
}

/** The five-colour picture: the first render starts the worker and loads the fonts, later ones reuse them. */
async function pictureRenders(size: Size, today: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-bench-picture-'));
  writeFileSync(join(dir, 'saima.json'), JSON.stringify(syntheticDistrict({ ...size, notes: 0 }, today)));
  const store = await Store.open(new FilePersistence(dir));
  const settings = readSettings(store);
  const svg = fiveColourSvg(rankUnits(store, today, settings), '2026年第4季度晾晒 五色图', settings);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  await stopPictureRenderer();
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    await svgToPng(svg);
    times.push(performance.now() - t);
  }
  const later = times.slice(1).sort((a, b) => a - b);
  return [
    `five-colour picture SVG→PNG (worker thread): first render ${ms(times[0] as number)} (worker start and fonts), later renders median ${ms(later[1] as number)} (min ${ms(later[0] as number)}, max ${ms(later[2] as number)})`,
  ];
}

export async function pushBench(size: Size, today: string, now: Date): Promise<string[]> {
  return [...(await monthlyPush(size, today, now)), ...(await pictureRenders(size, today))];
}
