import { constants } from 'node:buffer';
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildBot } from '../src/compose.ts';
import type { Bot } from '../src/core/bot.ts';
import { silentLogger } from '../src/core/logger.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import { Store } from '../storage/store.ts';
import { benchDir, dirBytes, isSnapshotFile, mb } from './bench-bot.ts';
import { alternate, type Compared, ms, ratioText } from './measure.ts';
import { nodeArgsFor, REPO_ROOT } from './own-module.ts';
import { ADMIN, FULL, type SimulationProgress, ThreeYears, WORKING_DAYS } from './three-years-simulation.ts';

/** 1/20 of the bureau: 10 members in 3 units, 50 projects to start with, 5 reports a day each. */
const SCALE = 20;
/** Generation stops at the end of the day this is spent; override with SAIMA_BENCH_THREE_YEARS_SECONDS. */
const BUDGET_SECONDS = Number(process.env.SAIMA_BENCH_THREE_YEARS_SECONDS ?? 60);
const GOAL_STARTUP = 1.5;

/** Opens a data dir as the server does (store, then bot) and returns how long that took; closes it untimed. */
async function startUp(dir: string): Promise<{ ms: number; seq: number }> {
  const t = performance.now();
  const store = await Store.open(new FilePersistence(dir));
  buildBot({ store, clock: { now: () => new Date() }, admins: [], logger: silentLogger });
  const took = performance.now() - t;
  const seq = store.seq;
  await store.close();
  return { ms: took, seq };
}

/**
 * A server's start-up as an operator sees it: from launching the process to its `started` line (it
 * listens only once the store is open), on this data dir. Stopped untimed.
 */
function serverStartUp(dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, nodeArgsFor('src/main'), {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        // as deploy/saima.service and the Dockerfile run it, when the bench runs that way
        ...(process.env.NODE_ENV ? { NODE_ENV: process.env.NODE_ENV } : {}),
        SAIMA_DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let took: number | null = null;
    // the JSON log goes to stderr
    const watch = (chunk: Buffer) => {
      out += String(chunk);
      if (took === null && out.includes('"event":"started"')) {
        took = performance.now() - t;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    const stuck = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('exit', (code) => {
      clearTimeout(stuck);
      if (took === null) reject(new Error(`the server exited with ${code} before starting: ${out}`));
      else resolve(took);
    });
  });
}

async function inEmptyDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = benchDir();
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The journal's growth from the last measured day to `until`: its daily growth, fitted as a straight
 * line over the later half of the measured days (the first days, before projects hold any history,
 * say little about the rest), continued day by day.
 */
function extrapolatedGrowth(cumulative: Array<{ x: number; y: number }>, until: number): number {
  const daily = cumulative.slice(1).map((p, i) => ({ x: p.x, y: p.y - (cumulative[i] as { y: number }).y }));
  const later = daily.slice(Math.floor(daily.length / 2));
  const n = later.length;
  const mx = later.reduce((s, p) => s + p.x, 0) / n;
  const my = later.reduce((s, p) => s + p.y, 0) / n;
  const sxx = later.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : later.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
  let total = 0;
  for (let day = (cumulative[cumulative.length - 1] as { x: number }).x + 1; day <= until; day++)
    total += Math.max(0, my + slope * (day - mx));
  return total;
}

export interface ThreeYearsResult {
  progress: SimulationProgress;
  dirBytes: number;
  journalBytes: number;
  snapshotBytes: number;
  startUp: Compared;
  /** Opening the store and building the bot alone, without the process around them. */
  open: Compared;
  replayMs: number;
  /** Journal bytes after each simulated day, less what the setup left. */
  growth: Array<{ x: number; y: number }>;
}

export async function threeYears(): Promise<ThreeYearsResult> {
  const dir = benchDir();
  try {
    let bot: Bot | null = null;
    const sim = new ThreeYears(SCALE, () => bot as Bot);
    // default snapshot settings: the store snapshots as it would in production
    const store = await Store.open(new FilePersistence(dir));
    bot = buildBot({
      store,
      clock: { now: () => new Date(sim.now) },
      rateClock: () => sim.now,
      admins: [ADMIN],
      logger: silentLogger,
    });
    const journal = () => dirBytes(dir, (name) => !isSnapshotFile(name));
    const growth: Array<{ x: number; y: number }> = [];
    let setupBytes = 0;
    const progress = await sim.run(BUDGET_SECONDS * 1000, (mark) => {
      if (mark.day === 0) setupBytes = journal();
      else growth.push({ x: mark.day, y: journal() - setupBytes });
    });
    const seq = store.seq;
    await store.close();
    const startUpCompared = await alternate(
      () => inEmptyDir(serverStartUp),
      () => serverStartUp(dir),
      { rounds: 5 },
    );
    const openCompared = await alternate(
      () => inEmptyDir(async (empty) => (await startUp(empty)).ms),
      async () => (await startUp(dir)).ms,
      { rounds: 5 },
    );
    // the journal alone: a copy of the dir without any snapshot file, opened from nothing
    const copy = benchDir();
    try {
      cpSync(dir, copy, { recursive: true });
      for (const name of readdirSync(copy)) if (isSnapshotFile(name)) rmSync(join(copy, name));
      const replay = await startUp(copy);
      if (replay.seq !== seq)
        throw new Error(`replaying the journal alone reached change ${replay.seq}, not ${seq}`);
      return {
        progress,
        dirBytes: dirBytes(dir),
        journalBytes: journal(),
        snapshotBytes: dirBytes(dir, isSnapshotFile),
        startUp: startUpCompared,
        open: openCompared,
        replayMs: replay.ms,
        growth,
      };
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function threeYearsBench(): Promise<string[]> {
  const r = await threeYears();
  const p = r.progress;
  const complete = p.days === WORKING_DAYS;
  const members = FULL.members / SCALE;
  const ratio = r.startUp.ratio.median;
  const lines = [
    `three years of use, 1/${SCALE} scaled (${members} members in ${FULL.units / SCALE} units, ${FULL.openingProjects / SCALE} projects signed before, ${FULL.reportsPerMemberDay} messages a member a working day; 82% 进度, 7% 到位资金, 7% questions, 2% 外出招商, 1% 登记签约, 1% 登记开工):`,
    `  simulated ${p.days} of ${WORKING_DAYS} working days: ${p.messages} messages (+${p.setupMessages} setting up) in ${p.seconds.toFixed(1)} s${complete ? '' : ` — stopped at the ${BUDGET_SECONDS} s budget`}`,
    `  data dir ${mb(r.dirBytes)} (journal and other files ${mb(r.journalBytes)}, snapshot ${mb(r.snapshotBytes)})${
      complete ? `; ×${SCALE} for the full bureau ≈ ${mb(r.dirBytes * SCALE)}` : ''
    }`,
    `  server start-up (launch to its \`started\` line) ${ms(r.startUp.subject.median)} vs an empty dir ${ms(r.startUp.baseline.median)}: ${ratioText(r.startUp.ratio)} — goal ≤ ${GOAL_STARTUP}×: ${
      ratio > GOAL_STARTUP
        ? 'NOT met'
        : complete
          ? 'met'
          : `not established (only ${p.days} of ${WORKING_DAYS} days simulated)`
    }`,
    `  of which opening the store and the bot: ${ms(r.open.subject.median)} vs ${ms(r.open.baseline.median)} for an empty dir (${ratioText(r.open.ratio)})`,
    `  replay from the journal alone (snapshot deleted): ${ms(r.replayMs)}`,
  ];
  if (!complete && r.growth.length >= 4) {
    const journalAtEnd = r.journalBytes + extrapolatedGrowth(r.growth, WORKING_DAYS);
    const snapshotAtEnd = (r.snapshotBytes * WORKING_DAYS) / p.days;
    const full = (journalAtEnd + snapshotAtEnd) * SCALE;
    lines.push(
      `  EXTRAPOLATED to all ${WORKING_DAYS} days (the journal's daily growth continued as a straight line fitted to the later half of the ${p.days} days measured; the snapshot scaled with days): data dir ≈ ${mb(journalAtEnd + snapshotAtEnd)} at 1/${SCALE}, ≈ ${mb(full)} for the full bureau (×${SCALE}); replay of that journal ≈ ${((r.replayMs * (journalAtEnd / r.journalBytes)) / 1000).toFixed(0)} s at 1/${SCALE}${
        journalAtEnd > constants.MAX_LENGTH
          ? ` (it exceeds ${mb(constants.MAX_LENGTH)}, the largest Buffer Node can hold)`
          : ''
      }`,
      `  that guess assumes the daily growth stays on a line; for the measured figures give the run the time it needs: SAIMA_BENCH_THREE_YEARS_SECONDS=900`,
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${(await threeYearsBench()).join('\n')}\n`);
}
