import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import type { Logger } from '../../src/core/logger.ts';
import { DeliveryStatus } from '../../src/delivery/delivery-status.ts';
import { dingtalkHandler } from '../../src/platforms/dingtalk/receiver.ts';
import { robotMessageSchema } from '../../src/platforms/dingtalk/robot-message.ts';
import { PushService } from '../../src/push/push-service.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { Store } from '../../storage/store.ts';
import { crashCopy } from '../helpers/crashed-store.ts';
import { testDingtalkSender } from '../helpers/dingtalk-sender.ts';
import { fakeDingtalk, robotMessage } from '../helpers/fake-dingtalk.ts';
import { dingtalkReplyChannel, replyPipeline, virtualTime } from '../helpers/reply-pipeline.ts';

const APP_KEY = 'dingappkey';
const APP_SECRET = 'reply-test-secret';
const GROUP = 'cidGROUP01==';
const START = '2026-12-01T10:00:00+08:00';
const MINUTE = 60_000;
const ROBOT_TOKEN = 'custom-robot-token';
const ROBOT_SECRET = 'SECcustomrobot';

let fake: Awaited<ReturnType<typeof fakeDingtalk>>;
/** The fake's clock: a test on virtual time points it there, so DingTalk's throttles run on it too. */
let fakeNow: () => number = Date.now;
const logged: string[] = [];
const logger: Logger = {
  info: (e) => logged.push(e),
  warn: (e) => logged.push(e),
  error: (e) => logged.push(e),
};

beforeEach(async () => {
  logged.length = 0;
  fakeNow = Date.now;
  fake = await fakeDingtalk({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    robots: { [ROBOT_TOKEN]: ROBOT_SECRET },
    now: () => fakeNow(),
  });
});

afterEach(async () => {
  await fake.close();
});

/** One running saima on a data directory: store, bot, DingTalk handler and outbox worker, on virtual time. */
async function life(
  dir: string,
  time: ReturnType<typeof virtualTime>,
  options: { customRobot?: boolean } = {},
) {
  const store = await Store.open(new FilePersistence(dir));
  // one member stands in for a busy group here, so the per-member flood limit is lifted
  const bot = buildBot({
    store,
    clock: time.clock,
    admins: ['admin'],
    logger,
    memberMessagesPerMinute: 10_000,
  });
  const status = new DeliveryStatus();
  const sender = testDingtalkSender(
    { base: fake.base, appKey: APP_KEY, appSecret: APP_SECRET },
    {
      logger,
      status,
      sleep: time.sleep,
      now: time.now,
      customRobotFor: (id) =>
        options.customRobot && id === GROUP ? { accessToken: ROBOT_TOKEN, secret: ROBOT_SECRET } : null,
    },
  );
  const { replies, worker } = replyPipeline(store, [dingtalkReplyChannel(sender, status)], time, logger);
  const handle = dingtalkHandler({
    respond: async (m) => (bot.alreadyHandled(m) ? null : bot.receive(m)),
    sender,
    replies,
    logger,
    now: time.now,
  });
  let n = 0;
  /** lisi writes in a chat; the session webhook lives as long as `sessionFor` says. */
  const say = (
    content: string,
    options: { session?: string; sessionFor?: number; group?: boolean; conversationId?: string } = {},
  ) =>
    handle(
      robotMessageSchema.parse(
        robotMessage({
          msgId: `msg-${dir.slice(-6)}-${++n}`,
          staffId: 'lisi',
          content,
          group: options.group,
          conversationId: options.conversationId,
          sessionWebhook: `${fake.base}/robot/sendBySession?session=${options.session ?? 's1'}`,
          expiresAt: time.now() + (options.sessionFor ?? 90 * MINUTE),
        }),
      ),
    );
  return { store, bot, worker, say };
}

async function seeded(time: ReturnType<typeof virtualTime>, options: { customRobot?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'saima-replies-'));
  const first = await life(dir, time, options);
  for (const text of [
    '添加单位 工业园区管委会 类型园区',
    '添加成员 李四 账号lisi 单位工业园区管委会 角色成员',
  ]) {
    first.bot.handle({
      platform: 'test',
      messageId: null,
      chatId: null,
      chatType: 'single',
      senderId: 'admin',
      text,
    });
  }
  return { dir, ...first };
}

const signing = (i: number) =>
  `登记签约 测试项目${String(i).padStart(3, '0')}号 合同额1亿 类型正式合同 日期2026-11-20`;
const numbersIn = (texts: string[]) =>
  texts.flatMap((t) => [...t.matchAll(/测试项目(\d{3})号/g)].map((m) => Number(m[1])));

/** Sends one confirmation after another, each only once the previous reply arrived: the window fills. */
async function fillWindow(say: (c: string) => Promise<unknown>, from: number, count: number) {
  for (let i = from; i < from + count; i++) {
    const before = fake.sent.length;
    await say(signing(i));
    await expect.poll(() => fake.sent.length).toBe(before + 1);
  }
}

describe('replies that wait for the rate window are kept in the durable outbox', () => {
  it('delivers a DingTalk reply queued behind the rate window exactly once after a restart', async () => {
    const time = virtualTime(START);
    const { dir, store, say } = await seeded(time);
    await fillWindow(say, 1, 20);
    expect(fake.sent.every((s) => s.via === 'session')).toBe(true);
    await say(signing(21));
    await say('帮助');
    await expect.poll(() => time.waiting()).toBeGreaterThan(0);
    expect(store.outbox((i) => i.status === 'pending')).toHaveLength(2);
    expect(fake.sent).toHaveLength(20);

    // the process dies here; the next one starts on what is on disk, with fresh rate windows
    const later = virtualTime(time.now() + 5_000);
    const next = await life(crashCopy(dir), later);
    await next.worker.recoverInterrupted();
    await next.worker.kick();

    expect(fake.sent).toHaveLength(22);
    expect(numbersIn(fake.sent.map((s) => s.text)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    expect(fake.sent[20]).toMatchObject({ via: 'session', target: 's1' });
    expect(fake.sent[21]?.text).toMatch(/帮助|命令/);
    expect(next.store.outbox((i) => i.status !== 'sent')).toEqual([]);
  });

  it('falls back to the group push when the sessionWebhook expires while the reply waits', async () => {
    const time = virtualTime(START);
    const { store, say } = await seeded(time);
    await fillWindow(say, 1, 20);
    await say(signing(21), { sessionFor: 30_000 });
    await expect.poll(() => time.waiting()).toBeGreaterThan(0);
    expect(store.outbox((i) => i.status === 'pending')[0]?.reply?.url).toMatch(/sendBySession/);

    time.advance(MINUTE);

    await expect.poll(() => fake.sent.length).toBe(21);
    expect(fake.sent[20]).toMatchObject({ via: 'openapi', target: GROUP });
    expect(numbersIn([fake.sent[20]?.text ?? ''])).toEqual([21]);
    expect(fake.attempts.filter((a) => a.via === 'session')).toHaveLength(20);
  });

  it('gives up a single chat’s reply whose sessionWebhook expired, with a log line, and keeps no url', async () => {
    const time = virtualTime(START);
    const { store, say } = await seeded(time);
    const single = { group: false, conversationId: 'cidSINGLE==', session: 's-single' };
    for (let i = 0; i < 20; i++) {
      await say('帮助', single);
      await expect.poll(() => fake.sent.length).toBe(i + 1);
    }
    await say(signing(1), { ...single, sessionFor: 30_000 });
    await expect.poll(() => time.waiting()).toBeGreaterThan(0);

    time.advance(MINUTE);

    await expect.poll(() => store.outbox((i) => i.status === 'failed')).toHaveLength(1);
    const [failed] = store.outbox((i) => i.status === 'failed');
    expect(failed?.reply?.url).toBeNull();
    expect(failed?.lastError).toMatch(/回复地址已过期/);
    expect(logged).toContain('reply_expired');
    expect(fake.sent).toHaveLength(20);
  });

  it('merges 100 confirmations that pile up behind a full window into a few messages, each once', async () => {
    const time = virtualTime(START);
    const { store, say } = await seeded(time);
    await fillWindow(say, 1, 20);
    for (let i = 21; i <= 120; i++) await say(signing(i));
    expect(store.outbox((i) => i.status === 'pending')).toHaveLength(100);

    time.advance(MINUTE);

    await expect
      .poll(() => store.outbox((i) => i.status === 'pending' || i.status === 'sending').length)
      .toBe(0);
    const merged = fake.sent.slice(20);
    expect(merged.length).toBeGreaterThanOrEqual(1);
    expect(merged.length).toBeLessThanOrEqual(3);
    for (const m of merged) {
      expect(m.text).toMatch(/以下 \d+ 条登记已保存：/);
      expect(Buffer.byteLength(m.text)).toBeLessThanOrEqual(14_000);
    }
    expect(merged[0]?.text).toMatch(/李四：登记签约 P2026-021 测试项目021号/);
    expect(numbersIn(merged.map((m) => m.text))).toEqual(Array.from({ length: 100 }, (_, i) => i + 21));
    expect(logged).toContain('replies_merged');
  });

  it('sends a member’s confirmation ahead of a long scheduled push to the same group', async () => {
    const time = virtualTime(START);
    const { store, worker, say } = await seeded(time);
    store.startPushRun(
      { actor: 'saima', command: 'push', at: time.clock.now() },
      { id: 'monthly@2026-12-01T09:00', kind: 'monthly', slot: START, trigger: 'schedule', late: false },
      Array.from({ length: 30 }, (_, order) => ({
        platform: 'dingtalk',
        chatId: GROUP,
        order,
        title: '每月通报',
        body: `通报第${order + 1}部分`,
        image: false,
      })),
    );
    void worker.kick();
    await expect.poll(() => fake.sent.length).toBe(20);
    await expect.poll(() => time.waiting()).toBeGreaterThan(0);
    // the member's session has expired: the reply needs the same group robot the push is using
    await say(signing(1), { sessionFor: 0 });

    time.advance(MINUTE);

    await expect.poll(() => fake.sent.length).toBe(31);
    expect(fake.sent[20]).toMatchObject({ via: 'openapi', target: GROUP });
    expect(numbersIn([fake.sent[20]?.text ?? ''])).toEqual([1]);
    expect(fake.sent.slice(21).map((s) => s.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `通报第${i + 21}部分`),
    );
  });

  it('does not hold back the scheduler while a reply waits for its window', async () => {
    const time = virtualTime(START);
    const { store, worker, say } = await seeded(time);
    const pushes = new PushService({
      store,
      clock: time.clock,
      worker,
      channels: new Map(),
      pictureDir: mkdtempSync(join(tmpdir(), 'saima-pictures-')),
      logger,
    });
    await fillWindow(say, 1, 20);
    await say(signing(21));
    await expect.poll(() => time.waiting()).toBeGreaterThan(0);

    await pushes.tick();
    await pushes.tick();

    expect(store.outbox((i) => i.status === 'pending')).toHaveLength(1);
  });
});

describe('a throttled robot keeps replies pending in the outbox, never giving them up', () => {
  it('keeps a reply pending through a custom robot’s 10-minute 130101 throttle, then delivers it once', async () => {
    const time = virtualTime(START);
    fakeNow = time.now;
    const { store, say } = await seeded(time, { customRobot: true });
    fake.answer(ROBOT_TOKEN, 130101);
    // the sessionWebhook has already expired: the answer goes through the group's custom robot
    await say('帮助', { sessionFor: 0 });
    await expect.poll(() => fake.attempts.length).toBe(1);
    await expect.poll(() => time.waiting()).toBeGreaterThan(0);

    time.advance(9 * MINUTE + 50_000);
    await expect.poll(() => time.waiting()).toBeGreaterThan(0);
    expect(fake.attempts).toHaveLength(1);
    expect(store.outbox((i) => i.status === 'pending')).toHaveLength(1);

    time.advance(10_000);
    await expect.poll(() => fake.sent.length).toBe(1);
    expect(fake.sent[0]).toMatchObject({ via: 'custom', target: ROBOT_TOKEN });
    expect(fake.sent[0]?.text).toMatch(/帮助|命令/);
    expect(fake.attempts).toHaveLength(2);
    expect(store.outbox((i) => i.status !== 'sent')).toEqual([]);
  });

  it('retries a reply DingTalk answers 660026 seven times in a row, a minute apart, until it is delivered', async () => {
    const time = virtualTime(START);
    fakeNow = time.now;
    const { store, say } = await seeded(time, { customRobot: true });
    fake.answer(ROBOT_TOKEN, ...Array.from({ length: 7 }, () => 660026));
    await say('帮助', { sessionFor: 0 });
    for (let tried = 1; tried <= 7; tried++) {
      await expect.poll(() => fake.attempts.length).toBe(tried);
      await expect.poll(() => time.waiting()).toBeGreaterThan(0);
      time.advance(MINUTE);
    }
    await expect.poll(() => fake.sent.length).toBe(1);
    expect(fake.attempts).toHaveLength(8);
    expect(store.outbox((i) => i.status !== 'sent')).toEqual([]);
  });
});
