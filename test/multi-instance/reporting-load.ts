import { type DeliveryOutcome, deliverCallback } from './dingtalk-callback.ts';
import type { Instance } from './instance.ts';

/** A member and the project they report on. */
export interface Reporter {
  account: string;
  projectId: string;
}

/** One message a reporter sent, and what became of it. */
export interface Report {
  msgId: string;
  account: string;
  projectId: string;
  kind: 'progress' | 'funds';
  /** Progress: a phrase only this message's note contains. Funds: the amount, unique per project. */
  marker: string;
  amountWan: number | null;
  /** The first delivery went to both instances (a platform retry that landed on each). */
  toBoth: boolean;
  /** Some delivery was answered 200: stored (every message here is a valid report of the sender's own project). */
  acknowledged: boolean;
  /** Every delivery, in order: to which instance, when it was sent, what came back and when (epoch ms). */
  deliveries: Array<{ instance: string; sentAt: number; outcome: DeliveryOutcome; at: number }>;
}

export interface LoadOptions {
  instances: Instance[];
  reporters: Reporter[];
  /** Members start new messages while this says so; what is under way is finished. */
  keepGoing: () => boolean;
  appSecret: string;
  /** The fake DingTalk's base: each message's answer goes to its sessionWebhook there. */
  sessionBase: string;
  random: () => number;
  /** Share of messages whose first delivery goes to both instances at once. */
  toBothShare: number;
  /** Deliveries of one message before the platform gives up (it retries what was not answered 200). */
  attempts: number;
}

/**
 * A member waits 1.5–3.5 s between messages, 24 a minute on average: with the tenth sent to both
 * and a few delivered again, still under the 30 a minute per member the flood gate allows on one
 * instance (whose slowing down would be a 200 that stored nothing) when the other is down long.
 */
const PAUSE_MIN_MS = 1_500;
const PAUSE_SPREAD_MS = 2_000;
/** What the platform waits before it delivers an unanswered message again. */
const RETRY_MIN_MS = 300;
const RETRY_SPREAD_MS = 700;
const REQUEST_TIMEOUT_MS = 15_000;
/** Every fourth message is funds in place, the others progress notes. */
const FUNDS_EVERY = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `n` padded for message ids and markers that no other id contains as a prefix. */
const padded = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Members reporting through DingTalk to two instances for a fixed time: each message goes to a
 * random running instance, some to both; what is not answered 200 is delivered again (anywhere),
 * as the platform does, until it is or the attempts run out.
 */
export async function runReportingLoad(options: LoadOptions): Promise<Report[]> {
  const reports: Report[] = [];
  const pick = <T>(items: T[]): T => items[Math.floor(options.random() * items.length)] as T;
  const running = () => options.instances.filter((i) => i.base !== null);

  const deliver = async (report: Report, content: string, instance: Instance) => {
    const base = instance.base;
    const sentAt = Date.now();
    const outcome: DeliveryOutcome = base
      ? await deliverCallback({
          base,
          appSecret: options.appSecret,
          sessionBase: options.sessionBase,
          msgId: report.msgId,
          staffId: report.account,
          content,
          timeoutMs: REQUEST_TIMEOUT_MS,
        })
      : 'unreachable';
    report.deliveries.push({ instance: instance.name, sentAt, outcome, at: Date.now() });
    return outcome === 200;
  };

  const send = async (report: Report, content: string) => {
    for (let attempt = 1; attempt <= options.attempts; attempt++) {
      const up = running();
      const targets = report.toBoth && attempt === 1 ? up : up.length > 0 ? [pick(up)] : [];
      const answered = await Promise.all(targets.map((instance) => deliver(report, content, instance)));
      if (answered.includes(true)) {
        report.acknowledged = true;
        return;
      }
      await sleep(RETRY_MIN_MS + options.random() * RETRY_SPREAD_MS);
    }
  };

  const member = async (reporter: Reporter, r: number) => {
    let fundsSent = 0;
    for (let n = 1; ; n++) {
      await sleep(PAUSE_MIN_MS + options.random() * PAUSE_SPREAD_MS);
      if (!options.keepGoing()) return;
      const msgId = `r${padded(r, 3)}-${padded(n, 4)}`;
      const funds = n % FUNDS_EVERY === 0;
      // amounts 1万, 2万, … per project: the bot questions an amount it saw on the project before
      const amountWan = funds ? ++fundsSent : null;
      const marker = funds ? `${amountWan}万` : `第${msgId}号报送`;
      const content = funds
        ? `到位资金 ${reporter.projectId} ${amountWan}万 凭证银行回单`
        : `进度 ${reporter.projectId} ${marker}，现场施工正常推进`;
      const report: Report = {
        msgId,
        account: reporter.account,
        projectId: reporter.projectId,
        kind: funds ? 'funds' : 'progress',
        marker,
        amountWan,
        toBoth: options.random() < options.toBothShare,
        acknowledged: false,
        deliveries: [],
      };
      reports.push(report);
      await send(report, content);
    }
  };

  await Promise.all(options.reporters.map((reporter, r) => member(reporter, r + 1)));
  return reports;
}

export interface Kill {
  victim: string;
  /** Epoch ms, just before the signal. */
  killedAt: number;
  /** Epoch ms: the victim serves again. */
  restartedAt: number;
}

/** Kills one instance with SIGKILL at a random moment of the load, and starts it again a moment later. */
export async function killOneAndRestart(options: {
  instances: Instance[];
  durationMs: number;
  random: () => number;
}): Promise<Kill> {
  // between a quarter and 60 % of the way: there is load before the kill and after the restart
  await sleep(options.durationMs * (0.25 + options.random() * 0.35));
  const victim = options.instances[Math.floor(options.random() * options.instances.length)] as Instance;
  const killedAt = Date.now();
  await victim.kill();
  await sleep(500 + options.random() * 1_500);
  await victim.start();
  return { victim: victim.name, killedAt, restartedAt: Date.now() };
}
