import { performance } from 'node:perf_hooks';
import type { Bot } from '../src/core/bot.ts';
import type { Project, StoreDocument } from '../storage/schema.ts';
import { benchMessage, savedTitle } from './bench-bot.ts';
import { reporterAccount } from './synthetic-district.ts';

/** Every fifth message is funds in place, the rest progress notes. */
const FUNDS_EVERY = 5;
/** What the bot asks about instead of saving: funds past 1.5× the contract (add-instalment.ts). */
const OVER_CONTRACT = 1.5;

const NOTES = [
  '已完成土地摘牌，下周进场',
  '环评批复已下达，正在办理施工许可',
  '厂房主体封顶，设备开始进场安装',
  '与投资方就二期用地再次对接',
  '水电气接入方案已报审',
];

/** One timed stretch of reporting: how many messages were acknowledged, and how long each took. */
export interface LoadRound {
  acknowledged: number;
  seconds: number;
  /** From a message's arrival to its acknowledgement, ms, in the order they finished. */
  latencies: number[];
}

interface Reporter {
  account: string;
  projects: Project[];
  /** Funds each project can still take before the bot would question them. */
  room: Map<string, number>;
  /** The last amount sent per project: amounts go 1万, 2万, … and never repeat on a project. */
  sentFunds: Map<string, number>;
  sent: number;
}

/**
 * Members of a synthetic district (synthetic-district.ts, with `members`) reporting progress and
 * funds on their own unit's projects, each message awaited; their state carries over from round to
 * round, so no amount is ever sent twice to a project (the bot would question it, not save it).
 */
export class ReporterLoad {
  private readonly reporters: Reporter[];
  private readonly funds: boolean;

  /**
   * The first `count` extra members of the district, its projects dealt out among them by unit;
   * `only`: just that one of them (0-based) reports; `funds: false`: progress notes only.
   */
  constructor(
    document: StoreDocument,
    count: number,
    units: number,
    options: { only?: number; funds?: boolean } = {},
  ) {
    this.funds = options.funds ?? true;
    const open = Object.values(document.projects).filter((p) => p.stage !== '终止');
    const dealt: Project[][] = Array.from({ length: count }, () => []);
    for (let u = 0; u < units; u++) {
      const unitId = `U${String(u + 1).padStart(3, '0')}`;
      const ofUnit = open.filter((p) => p.unitId === unitId);
      const mine = dealt.filter((_, r) => r % units === u);
      for (const [k, p] of ofUnit.entries()) mine[k % mine.length]?.push(p);
    }
    if (dealt.some((own) => own.length === 0)) throw new Error('a reporter has no projects of their unit');
    const reporters = dealt.map((projects, r) => ({
      account: reporterAccount(r + 1),
      projects,
      room: new Map(
        projects.map((p) => [
          p.id,
          (p.signing?.amountWan ?? 0) * OVER_CONTRACT -
            p.instalments.reduce((sum, i) => sum + i.amountWan, 0),
        ]),
      ),
      sentFunds: new Map(),
      sent: 0,
    }));
    this.reporters = options.only === undefined ? reporters : [reporters[options.only] as Reporter];
  }

  /**
   * Every member reports for `seconds`, each message to `botFor(r)` (one bot, or one instance of
   * several) and awaited; a message not answered 「saved」 stops the bench.
   */
  async round(botFor: (reporter: number) => Bot, seconds: number): Promise<LoadRound> {
    const latencies: number[] = [];
    const start = performance.now();
    const deadline = start + seconds * 1000;
    await Promise.all(
      this.reporters.map(async (reporter, r) => {
        while (performance.now() < deadline) {
          // each message arrives as its own I/O event, as from the network, never as a chained
          // microtask; it waits for the loop like a request does, and that wait is part of its ack
          const arrived = performance.now();
          await new Promise<void>((resolve) => setImmediate(resolve));
          const i = reporter.sent++;
          const p = reporter.projects[i % reporter.projects.length] as Project;
          const amount = (reporter.sentFunds.get(p.id) ?? 0) + 1;
          const funds =
            this.funds && i % FUNDS_EVERY === FUNDS_EVERY - 1 && (reporter.room.get(p.id) ?? 0) >= amount;
          const message = funds
            ? benchMessage(reporter.account, `到位资金 ${p.id} ${amount}万 凭证银行回单`)
            : benchMessage(reporter.account, `进度 ${p.id} ${NOTES[i % NOTES.length]}`);
          if (funds) {
            reporter.sentFunds.set(p.id, amount);
            reporter.room.set(p.id, (reporter.room.get(p.id) ?? 0) - amount);
          }
          const received = await botFor(r).receive(message);
          latencies.push(performance.now() - arrived);
          savedTitle(received, funds ? '已登记到位资金：' : '已记录进展：', message);
        }
      }),
    );
    return { acknowledged: latencies.length, seconds: (performance.now() - start) / 1000, latencies };
  }
}

/** The value at quantile `q` of `values` (sorted here). */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
