import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncomingMessage } from '../../../src/core/incoming.ts';
import type { Logger } from '../../../src/core/logger.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { dingtalkHandler } from '../../../src/platforms/dingtalk/receiver.ts';
import { DingtalkSender } from '../../../src/platforms/dingtalk/sender.ts';
import { type StreamConnection, startStream } from '../../../src/platforms/dingtalk/stream.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { fakeDingtalk, robotMessage } from '../../helpers/fake-dingtalk.ts';
import { dingtalkReplyChannel, replyPipeline } from '../../helpers/reply-pipeline.ts';

const APP_KEY = 'dingstreamkey';
const APP_SECRET = 'stream-secret-never-printed';

let fake: Awaited<ReturnType<typeof fakeDingtalk>>;
let c: Conversation;
let connection: StreamConnection | null = null;
const printed: string[] = [];
const handledAt: number[] = [];
let delayMs = 0;

const logger: Logger = {
  info: (e, f) => printed.push(`${e} ${JSON.stringify(f)}`),
  warn: (e, f) => printed.push(`${e} ${JSON.stringify(f)}`),
  error: (e, f) => printed.push(`${e} ${JSON.stringify(f)}`),
};

beforeEach(async () => {
  printed.length = 0;
  handledAt.length = 0;
  delayMs = 0;
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
  }
  fake = await fakeDingtalk({ appKey: APP_KEY, appSecret: APP_SECRET, robots: {} });
  c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
  const http = axios.create({ proxy: false });
  const status = new DeliveryStatus();
  const sender = new DingtalkSender({
    apiBase: fake.base,
    oapiBase: fake.base,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    robotCode: APP_KEY,
    http,
    logger,
    status,
    customRobotFor: () => null,
    sleep: async () => {},
  });
  const { replies } = replyPipeline(c.store, [dingtalkReplyChannel(sender, status)], { clock: c.clock });
  const respond = async (m: IncomingMessage) => {
    if (c.bot.alreadyHandled(m)) return null;
    const reply = c.bot.receive(m);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    handledAt.push(Date.now());
    return reply;
  };
  connection = startStream({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    apiBase: fake.base,
    http,
    logger,
    handle: dingtalkHandler({ respond, sender, replies, logger }),
  });
  await expect.poll(() => fake.connected()).toBe(1);
});

afterEach(async () => {
  connection?.close();
  await fake.close();
  vi.restoreAllMocks();
});

const session = () => `${fake.base}/robot/sendBySession?session=stream-1`;

describe('DingTalk Stream mode against a fake gateway on 127.0.0.1', () => {
  it('handles a robot message through the same pipeline, replies, then acknowledges it', async () => {
    delayMs = 200;
    fake.pushRobotMessage(
      'cb-1',
      robotMessage({
        msgId: 'msg-s1',
        staffId: 'lisi',
        content: '登记签约 储能电站项目 合同额3亿 正式合同 日期2023-06-01',
        sessionWebhook: session(),
      }),
    );
    await expect.poll(() => fake.acks.length, { timeout: 5000 }).toBe(1);
    expect(fake.acks[0]?.messageId).toBe('cb-1');
    expect(JSON.parse(fake.acks[0]?.data ?? '{}')).toEqual({ response: { ok: true } });
    expect(handledAt).toHaveLength(1);
    expect(c.store.projects()).toHaveLength(1);
    await expect.poll(() => fake.sent.length).toBe(1);
    expect(fake.sent[0]?.text).toMatch(/已登记签约/);
  });

  it('stores a redelivered (unacknowledged) message once and does not reply twice', async () => {
    const body = robotMessage({
      msgId: 'msg-s2',
      staffId: 'lisi',
      content: '登记签约 光伏项目 合同额1亿 正式合同 日期2023-06-01',
      sessionWebhook: session(),
    });
    fake.pushRobotMessage('cb-2', body);
    await expect.poll(() => fake.acks.length).toBe(1);
    fake.pushRobotMessage('cb-2', body);
    await expect.poll(() => fake.acks.length).toBe(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.store.projects()).toHaveLength(1);
    expect(fake.sent).toHaveLength(1);
  });

  it('reconnects when the link drops and keeps working', async () => {
    fake.dropConnections();
    await expect.poll(() => fake.gatewayCalls(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => fake.connected(), { timeout: 10_000 }).toBe(1);
    fake.pushRobotMessage(
      'cb-3',
      robotMessage({ msgId: 'msg-s3', staffId: 'lisi', content: '帮助', sessionWebhook: session() }),
    );
    await expect.poll(() => fake.acks.length, { timeout: 5000 }).toBe(1);
  });

  it('never prints the client secret', async () => {
    fake.pushRobotMessage(
      'cb-4',
      robotMessage({ msgId: 'msg-s4', staffId: 'lisi', content: '帮助', sessionWebhook: session() }),
    );
    await expect.poll(() => fake.acks.length).toBe(1);
    fake.dropConnections();
    await expect.poll(() => fake.connected(), { timeout: 10_000 }).toBe(1);
    expect(printed.join('\n')).not.toContain(APP_SECRET);
  });
});
