import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openBenchBot } from './bench-bot.ts';
import { ms } from './measure.ts';
import { type LoadRound, quantile, ReporterLoad } from './reporter-load.ts';
import { syntheticDistrict } from './synthetic-district.ts';

const NOW = new Date('2026-11-29T10:00:00+08:00');
const TODAY = '2026-11-29';
const REPORTERS = 200;
const UNITS = 60;
const PROJECTS = 5_000;
const SECONDS = 10;
const GOAL_PER_SECOND = 1_000;
const GOAL_BLOCK_MS = 50;

export interface ReportersResult {
  acknowledged: number;
  seconds: number;
  latency: { p50: number; p99: number; max: number };
  /** The process's CPU time (all threads) during the run, seconds: the rest of the run it waited. */
  cpuSeconds: number;
  /** Longest event-loop delay the histogram saw, ms. */
  histogramMax: number;
  /** Longest gap between two runs of a 1-ms interval, less the 1 ms it waits, ms. */
  timerGapMax: number;
}

/**
 * 200 members reporting at once, each on their own unit's projects, for ten seconds: how many
 * messages are acknowledged (durably saved and answered) per second, and how long the event loop
 * was ever kept from its timers meanwhile (WeCom wants its passive reply within 3 s).
 */
export async function reporters(): Promise<ReportersResult> {
  const document = syntheticDistrict(
    { projects: PROJECTS, units: UNITS, notes: PROJECTS * 20, instalments: PROJECTS * 4, members: REPORTERS },
    TODAY,
  );
  const load = new ReporterLoad(document, REPORTERS, UNITS);
  // The flood gate allows a member 30 messages a minute; this load is 200 members at machine speed
  // (≥ 1,000/s is 300 a minute each), a stress of the store, so the gate is opened wide.
  const { bot, dispose } = await openBenchBot({
    clock: { now: () => NOW },
    document,
    memberMessagesPerMinute: 1_000_000,
  });
  const lag = monitorEventLoopDelay({ resolution: 1 });
  let timerGapMax = 0;
  let lastTick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    timerGapMax = Math.max(timerGapMax, now - lastTick - 1);
    lastTick = now;
  }, 1);
  const cpuBefore = process.cpuUsage();
  lag.enable();
  let round: LoadRound;
  try {
    round = await load.round(() => bot, SECONDS);
  } finally {
    lag.disable();
    clearInterval(ticker);
  }
  const cpu = process.cpuUsage(cpuBefore);
  await dispose();
  const { latencies } = round;
  return {
    acknowledged: round.acknowledged,
    seconds: round.seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    latency: {
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: latencies.reduce((most, t) => Math.max(most, t), 0),
    },
    histogramMax: lag.max / 1e6,
    timerGapMax,
  };
}

export async function reportersBench(): Promise<string[]> {
  const r = await reporters();
  const perSecond = r.acknowledged / r.seconds;
  const block = Math.max(r.histogramMax, r.timerGapMax);
  return [
    `${REPORTERS} concurrent reporters (进度 and 到位资金 on their unit's projects, each message awaited) for ${SECONDS} s on ${PROJECTS} projects:`,
    `  ${r.acknowledged} acknowledged in ${r.seconds.toFixed(1)} s = ${perSecond.toFixed(0)}/s — goal ≥ ${GOAL_PER_SECOND}/s: ${perSecond >= GOAL_PER_SECOND ? 'met' : 'NOT met'}`,
    `  CPU busy ${r.cpuSeconds.toFixed(1)} s of the ${r.seconds.toFixed(1)} s (all threads; the rest of the time it waited: on the disk, or for a core on a shared machine)`,
    `  from a message's arrival to its acknowledgement: p50 ${ms(r.latency.p50)}, p99 ${ms(r.latency.p99)}, max ${ms(r.latency.max)}`,
    `  longest event-loop block ${ms(block)} (delay histogram max ${ms(r.histogramMax)}, longest 1-ms timer gap ${ms(r.timerGapMax)}) — goal < ${GOAL_BLOCK_MS} ms: ${block < GOAL_BLOCK_MS ? 'met' : 'NOT met'}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${(await reportersBench()).join('\n')}\n`);
}
