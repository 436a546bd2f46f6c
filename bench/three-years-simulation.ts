import { performance } from 'node:perf_hooks';
import type { Bot, Received } from '../src/core/bot.ts';
import type { IncomingMessage } from '../src/core/incoming.ts';
import { Random } from '../src/demo/random.ts';
import { addDays } from '../src/time/clock.ts';
import { benchMessage, projectIdIn, savedTitle } from './bench-bot.ts';
import { reporterAccount } from './synthetic-district.ts';

/** The bureau at full size; the simulation runs a district `scale` times smaller in every part. */
export const FULL = { members: 200, units: 60, openingProjects: 1_000, reportsPerMemberDay: 5 };
export const WORKING_DAYS = 750;
export const FIRST_DAY = '2024-01-01';
export const ADMIN = 'bench-admin';

/** What a member sends, by share of all messages: mostly progress notes. */
const MIX = [
  { kind: 'note', share: 0.82 },
  { kind: 'funds', share: 0.07 },
  { kind: 'question', share: 0.07 },
  { kind: 'trip', share: 0.02 },
  { kind: 'signing', share: 0.01 },
  { kind: 'start', share: 0.01 },
] as const;
type Kind = (typeof MIX)[number]['kind'];

const NOTES = [
  '已完成土地摘牌，下周进场',
  '环评批复已下达，正在办理施工许可',
  '厂房主体封顶，设备开始进场安装',
  '与投资方就二期用地再次对接，对方下月来考察',
  '水电气接入方案已报审',
  '项目公司已注册，正在开立基本账户',
];
const QUESTIONS = ['本月晾晒', '全区进度', '签约未开工', '我的项目'];
/** The bot asks before funds beyond 1.5× the contract (add-instalment.ts); members here stay below. */
const OVER_CONTRACT = 1.5;

/** What the simulation knows of a project it registered, to send only what the bot will save. */
interface Tracked {
  id: string;
  started: boolean;
  fundsRoomWan: number;
  instalments: number;
}

export interface DayMark {
  /** Working days simulated so far (0 = set up, before the first). */
  day: number;
  messages: number;
}

export interface SimulationProgress {
  setupMessages: number;
  messages: number;
  days: number;
  marks: DayMark[];
  seconds: number;
}

interface Planned {
  at: number;
  message: IncomingMessage;
  kind: Kind | 'setup';
}

/** Monday to Friday; public holidays are not modelled. */
export function workingDays(count: number): string[] {
  const days: string[] = [];
  for (let d = FIRST_DAY; days.length < count; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(d);
  }
  return days;
}

/**
 * Three years of a bureau's chat, day by day through the bot with its business clock following:
 * an admin sets up the units and members, members register the projects already signed, then each
 * working day every member sends their reports. `onDay` runs after the setup and after each day;
 * the run stops early, at a day's end, once `budgetMs` is spent.
 */
export class ThreeYears {
  private readonly rnd = new Random(2024);
  private readonly members: number;
  private readonly units: number;
  private readonly projects: Tracked[][];
  private signed = 0;
  now = Date.parse(`${addDays(FIRST_DAY, -3)}T09:00:00+08:00`);

  constructor(
    private readonly scale: number,
    private readonly bot: () => Bot,
  ) {
    this.members = FULL.members / scale;
    this.units = FULL.units / scale;
    this.projects = Array.from({ length: this.units }, () => []);
  }

  get messagesPerDay(): number {
    return this.members * FULL.reportsPerMemberDay;
  }

  private unitOf(member: number): number {
    return member % this.units;
  }

  private unitName(u: number): string {
    return `第${u + 1}招商分局`;
  }

  private account(member: number): string {
    return reporterAccount(member + 1);
  }

  /** Units, members and the projects signed before the three years, all through the bot. */
  async setUp(): Promise<number> {
    const at = this.now;
    const admin = (text: string): Planned => ({ at, message: benchMessage(ADMIN, text), kind: 'setup' });
    // each batch only names what earlier batches' answers confirmed: units, then members, then projects
    const units = Array.from({ length: this.units }, (_, u) =>
      admin(`添加单位 ${this.unitName(u)} 类型部门`),
    );
    await this.send(units);
    const members = Array.from({ length: this.members }, (_, m) =>
      admin(`添加成员 成员${m + 1} 账号${this.account(m)} 单位${this.unitName(this.unitOf(m))} 角色成员`),
    );
    await this.send(members);
    const opening = FULL.openingProjects / this.scale;
    const signings: Planned[] = [];
    for (let i = 0; i < opening; i++) {
      const date = addDays('2023-01-02', this.rnd.int(0, 330));
      signings.push(this.signing(i % this.members, date, at));
    }
    await this.send(signings);
    return units.length + members.length + signings.length;
  }

  private signing(member: number, date: string | null, at: number): Planned {
    const n = ++this.signed;
    const text = `登记签约 第${n}号三年测试项目 合同额${this.rnd.int(1, 20)}亿 类型正式合同 ${date ? `日期${date}` : ''}`;
    return { at, message: benchMessage(this.account(member), text.trim()), kind: 'signing' };
  }

  /** One working day's messages from every member, spread over office hours. */
  private plan(day: string): Planned[] {
    const perDay = this.messagesPerDay;
    const opens = Date.parse(`${day}T09:00:00+08:00`);
    const slot = (8 * 3600_000) / perDay;
    const plan: Planned[] = [];
    for (let i = 0; i < perDay; i++) {
      const member = i % this.members;
      const at = opens + Math.floor(i * slot);
      plan.push(this.one(member, this.pickKind(), at));
    }
    return plan;
  }

  private pickKind(): Kind {
    let x = this.rnd.next();
    for (const m of MIX) {
      if (x < m.share) return m.kind;
      x -= m.share;
    }
    return 'note';
  }

  private one(member: number, kind: Kind, at: number): Planned {
    const account = this.account(member);
    const own = this.projects[this.unitOf(member)] as Tracked[];
    const p = this.rnd.pick(own);
    const say = (text: string, k: Kind): Planned => ({ at, message: benchMessage(account, text), kind: k });
    switch (kind) {
      case 'signing':
        return this.signing(member, null, at);
      case 'start': {
        const waiting = own.filter((q) => !q.started);
        if (waiting.length > 0) {
          const q = this.rnd.pick(waiting);
          // only one start per project: the bot would ask before a second
          q.started = true;
          return say(`登记开工 ${q.id} 类型建安类`, 'start');
        }
        break;
      }
      case 'funds': {
        // a new amount each time, so it is never the same amount twice within the hour
        const amount = 100 + p.instalments;
        if (p.fundsRoomWan >= amount) {
          p.instalments++;
          p.fundsRoomWan -= amount;
          return say(`到位资金 ${p.id} ${amount}万 凭证银行回单`, 'funds');
        }
        break;
      }
      case 'trip':
        return say(
          `外出招商 ${this.rnd.pick(['深圳', '上海', '杭州', '苏州', '广州'])} 带队${this.rnd.pick(['张三', '王五', '赵六'])} 对接企业某${this.rnd.int(1, 300)}公司`,
          'trip',
        );
      case 'question': {
        const q = this.rnd.int(0, QUESTIONS.length);
        return say(q === QUESTIONS.length ? `查询 ${p.id}` : (QUESTIONS[q] as string), 'question');
      }
      case 'note':
        break;
    }
    return say(`进度 ${p.id} ${this.rnd.pick(NOTES)}`, 'note');
  }

  /**
   * Hands the messages to the bot as they arrive within a day (each with the business clock at its
   * own time), waits for every answer, and checks each was saved or answered.
   */
  private async send(plan: Planned[]): Promise<void> {
    const bot = this.bot();
    const answers: Promise<Received>[] = [];
    for (const p of plan) {
      this.now = p.at;
      answers.push(Promise.resolve(bot.receive(p.message)));
      // the bot may hold a message back for a turn of the event loop when its budget is spent: let
      // it read this one while the clock says this message's time (their syncs to disk still overlap)
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const received = await Promise.all(answers);
    for (const [i, p] of plan.entries()) this.settle(p, received[i] as Received);
  }

  private settle(p: Planned, received: Received): void {
    const expected: Record<Kind | 'setup', string> = {
      setup: '已',
      signing: '已登记签约：',
      start: '已认定开工：',
      funds: '已登记到位资金：',
      note: '已记录进展：',
      trip: '已登记外出招商：',
      question: '',
    };
    if (p.kind === 'question') {
      if (received.kind !== 'answered' || received.reply.tone === 'error')
        throw new Error(`question 「${p.message.text}」 was not answered: ${JSON.stringify(received)}`);
      return;
    }
    const title = savedTitle(received, expected[p.kind], p.message);
    if (p.kind !== 'signing') return;
    // a project joins its unit's reports from the next message on, once the bot has answered
    const member = Number(p.message.senderId.slice(1)) - 1;
    const amountWan = Number(/合同额(\d+)亿/u.exec(p.message.text)?.[1]) * 10_000;
    (this.projects[this.unitOf(member)] as Tracked[]).push({
      id: projectIdIn(title),
      started: false,
      fundsRoomWan: amountWan * OVER_CONTRACT,
      instalments: 0,
    });
  }

  /** Simulates working days until all are done or the budget is spent (checked at each day's end). */
  async run(budgetMs: number, onDay: (mark: DayMark) => void): Promise<SimulationProgress> {
    const start = performance.now();
    const setupMessages = await this.setUp();
    onDay({ day: 0, messages: 0 });
    const marks: DayMark[] = [];
    let messages = 0;
    for (const day of workingDays(WORKING_DAYS)) {
      const plan = this.plan(day);
      await this.send(plan);
      messages += plan.length;
      const mark = { day: marks.length + 1, messages };
      marks.push(mark);
      onDay(mark);
      // between days the store's timers (the background snapshot) get their turn
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (performance.now() - start > budgetMs) break;
    }
    return {
      setupMessages,
      messages,
      days: marks.length,
      marks,
      seconds: (performance.now() - start) / 1000,
    };
  }
}
