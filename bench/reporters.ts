import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Project } from '../storage/schema.ts';
import { benchMessage, openBenchBot, savedTitle } from './bench-bot.ts';
import { ms } from './measure.ts';
import { reporterAccount, syntheticDistrict } from './synthetic-district.ts';

const NOW = new Date('2026-11-29T10:00:00+08:00');
const TODAY = '2026-11-29';
const REPORTERS = 200;
const UNITS = 60;
const PROJECTS = 5_000;
const SECONDS = 10;
/** Every fifth message is funds in place, the rest progress notes. */
const FUNDS_EVERY = 5;
const GOAL_PER_SECOND = 1_000;
const GOAL_BLOCK_MS = 50;
/** What the bot asks about instead of saving: funds past 1.5× the contract (add-instalment.ts). */
const OVER_CONTRACT = 1.5;

const NOTES = [
  '已完成土地摘牌，下周进场',
  '环评批复已下达，正在办理施工许可',
  '厂房主体封顶，设备开始进场安装',
  '与投资方就二期用地再次对接',
  '水电气接入方案已报审',
];

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

/** Each reporter's own projects: its unit's open ones, dealt out among the unit's reporters. */
function projectsPerReporter(projects: Project[]): Project[][] {
  const open = projects.filter((p) => p.stage !== '终止');
  const dealt: Project[][] = Array.from({ length: REPORTERS }, () => []);
  for (let u = 0; u < UNITS; u++) {
    const unitId = `U${String(u + 1).padStart(3, '0')}`;
    const reporters = dealt.filter((_, r) => r % UNITS === u);
    const ofUnit = open.filter((p) => p.unitId === unitId);
    for (const [k, p] of ofUnit.entries()) reporters[k % reporters.length]?.push(p);
  }
  if (dealt.some((own) => own.length === 0)) throw new Error('a reporter has no projects of their unit');
  return dealt;
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
  const own = projectsPerReporter(Object.values(document.projects));
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
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  const report = async (r: number): Promise<void> => {
    const account = reporterAccount(r + 1);
    const projects = own[r] as Project[];
    // funds a project can still take before the bot would ask whether they really exceed the contract
    const room = new Map(
      projects.map((p) => [
        p.id,
        (p.signing?.amountWan ?? 0) * OVER_CONTRACT - p.instalments.reduce((sum, i) => sum + i.amountWan, 0),
      ]),
    );
    const sentFunds = new Map<string, number>();
    for (let i = 0; performance.now() < deadline; i++) {
      // each message arrives as its own I/O event, as from the network, never as a chained microtask;
      // it waits for the loop like a request does, and that wait is part of its acknowledgement
      const arrived = performance.now();
      await new Promise<void>((resolve) => setImmediate(resolve));
      const p = projects[i % projects.length] as Project;
      // amounts 1万, 2万, … per project: never the same amount twice, which the bot would question
      const amount = (sentFunds.get(p.id) ?? 0) + 1;
      const funds = i % FUNDS_EVERY === FUNDS_EVERY - 1 && (room.get(p.id) ?? 0) >= amount;
      const message = funds
        ? benchMessage(account, `到位资金 ${p.id} ${amount}万 凭证银行回单`)
        : benchMessage(account, `进度 ${p.id} ${NOTES[i % NOTES.length]}`);
      if (funds) {
        sentFunds.set(p.id, amount);
        room.set(p.id, (room.get(p.id) ?? 0) - amount);
      }
      const received = await bot.receive(message);
      latencies.push(performance.now() - arrived);
      savedTitle(received, funds ? '已登记到位资金：' : '已记录进展：', message);
    }
  };
  lag.enable();
  try {
    await Promise.all(Array.from({ length: REPORTERS }, (_, r) => report(r)));
  } finally {
    lag.disable();
    clearInterval(ticker);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await dispose();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    acknowledged: latencies.length,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    latency: { p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1] ?? 0 },
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
