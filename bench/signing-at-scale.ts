import { closeSync, fdatasync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchMessage, dirBytes, isSnapshotFile, openBenchBot, savedTitle } from './bench-bot.ts';
import { alternate, type Compared, ms, ratioText, spread } from './measure.ts';
import { reporterAccount, syntheticDistrict } from './synthetic-district.ts';

const NOW = new Date('2026-11-29T10:00:00+08:00');
const TODAY = '2026-11-29';
/**
 * Signings (and bare appends) per round, the round's figure being their median: as many as fit in
 * a second and a half, at least 15 and at most 40 (a median of 5 moved with a single slow sync).
 */
const PER_ROUND = { min: 15, max: 40, ms: 1_500 };
const ROUNDS = 5;
const GOAL = 3;
const REPORTERS = 60;
/**
 * Signings (and bare appends) before the first round, for the steady state a running server is in:
 * with one round of 5–15 the first size measured (5k) was slower than the second (50k).
 */
const WARM_UP = 500;

export interface SigningAtScale {
  projects: number;
  lineBytes: number;
  compared: Compared;
  /** Not the goal: the same bare append with its fdatasync in libuv's pool (as the journal must) vs on the main thread. */
  offThread: Compared;
  /**
   * Where a measured signing's time goes, medians over every one: `receive`'s synchronous part
   * (reading, the change, writing its line and starting the sync), then the wait for that sync.
   */
  split: { handling: number; waiting: number };
}

/**
 * The acknowledged 登记签约 at a district's size: from handing the message to `receive` until it
 * resolves (the bot answers only once the change is durable), beside the floor any durable store
 * pays — appending a line of the same size to a file in the same dir and fdatasyncing it.
 */
export async function signingAtScale(projects: number): Promise<SigningAtScale> {
  const document = syntheticDistrict(
    { projects, units: 60, notes: projects * 20, instalments: projects * 4, members: REPORTERS },
    TODAY,
  );
  const { dir, bot, dispose } = await openBenchBot({ clock: { now: () => NOW }, document });
  const journalBytes = () => dirBytes(dir, (name) => !isSnapshotFile(name));
  let k = 0;
  let split: Array<{ handling: number; waiting: number }> | null = null;
  const signOnce = async (): Promise<number> => {
    // members of every unit take turns (one member alone would soon meet the flood gate's
    // 30 a minute), each registering a project the district has never seen
    const message = benchMessage(
      reporterAccount((k % REPORTERS) + 1),
      `登记签约 规模测试第${k++}号项目 合同额1亿 类型正式合同 日期2026-11-01`,
    );
    const t = performance.now();
    const receiving = bot.receive(message);
    const handling = performance.now() - t;
    const received = await receiving;
    const took = performance.now() - t;
    split?.push({ handling, waiting: took - handling });
    savedTitle(received, '已登记签约：', message);
    if (received.kind === 'answered' && !received.reply.lines.includes('（新建项目）'))
      throw new Error(`「${message.text}」 did not create a project: ${JSON.stringify(received.reply)}`);
    return took;
  };
  const before = journalBytes();
  await signOnce();
  // the baseline appends what one signing appends today, so it tracks the journal's line format
  const lineBytes = journalBytes() - before;
  const line = Buffer.alloc(lineBytes, 'x');
  line[lineBytes - 1] = 0x0a;
  const fd = openSync(join(dir, 'bare-append.bench'), 'a', 0o600);
  const bareOnce = (): number => {
    const t = performance.now();
    writeSync(fd, line);
    fdatasyncSync(fd);
    return performance.now() - t;
  };
  const bareOffThreadOnce = async (): Promise<number> => {
    const t = performance.now();
    writeSync(fd, line);
    await new Promise<void>((resolve, reject) => fdatasync(fd, (e) => (e ? reject(e) : resolve())));
    return performance.now() - t;
  };
  const medianOf = async (once: () => number | Promise<number>): Promise<number> => {
    const times: number[] = [];
    const start = performance.now();
    while (
      times.length < PER_ROUND.min ||
      (times.length < PER_ROUND.max && performance.now() - start < PER_ROUND.ms)
    )
      times.push(await once());
    return spread(times).median;
  };
  try {
    // warm: the JIT has seen the path as often as a server does in its first minutes
    for (let i = 0; i < WARM_UP; i++) {
      await signOnce();
      bareOnce();
    }
    split = [];
    const compared = await alternate(
      () => medianOf(bareOnce),
      () => medianOf(signOnce),
      { rounds: ROUNDS },
    );
    const handling = spread(split.map((x) => x.handling)).median;
    const waiting = spread(split.map((x) => x.waiting)).median;
    const offThread = await alternate(
      () => medianOf(bareOnce),
      () => medianOf(bareOffThreadOnce),
      { rounds: ROUNDS },
    );
    return { projects, lineBytes, compared, offThread, split: { handling, waiting } };
  } finally {
    closeSync(fd);
    await dispose();
  }
}

export function signingLines(results: SigningAtScale[]): string[] {
  const lines = [
    `acknowledged 登记签约 (await bot.receive until it resolves) vs a bare append + fdatasync of a line of the same size, p50 of ${PER_ROUND.min}–${PER_ROUND.max} per round, ${ROUNDS} alternating rounds:`,
  ];
  for (const r of results) {
    const c = r.compared;
    lines.push(
      `  ${String(r.projects).padStart(6)} projects: 登记签约 p50 ${ms(c.subject.median)} (rounds ${ms(c.subject.min)}–${ms(c.subject.max)}), bare append of ${r.lineBytes} B p50 ${ms(c.baseline.median)}, ratio ${ratioText(c.ratio)}`,
      `          (not the goal) the same bare append with its fdatasync in libuv's pool, as the journal must sync off the main thread: p50 ${ms(r.offThread.subject.median)}, ${ratioText(r.offThread.ratio)} of the main-thread one; 登记签约 p50 ÷ it ×${(c.subject.median / r.offThread.subject.median).toFixed(2)}`,
      `          where a 登记签约 goes (medians): ${ms(r.split.handling)} handling it on the main thread (reading, the change, its line written and the sync started), then ${ms(r.split.waiting)} waiting for that sync; ×${GOAL} this bare append leaves ${ms(Math.max(0, GOAL * c.baseline.median - r.split.waiting))} for the handling`,
    );
  }
  const met = results.every((r) => r.compared.ratio.median <= GOAL);
  lines.push(`  goal p50 ratio ≤ ${GOAL}× at every size: ${met ? 'met' : 'NOT met'}`);
  return lines;
}

export async function signingBench(): Promise<string[]> {
  const results: SigningAtScale[] = [];
  for (const projects of [5_000, 50_000]) results.push(await signingAtScale(projects));
  return signingLines(results);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${(await signingBench()).join('\n')}\n`);
}
