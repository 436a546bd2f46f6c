import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import type { Logger } from '../../../src/core/logger.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { ReplyOutbox } from '../../../src/delivery/reply-outbox.ts';
import {
  type LongConnection,
  reconnectDelayMs,
  startLongConnection,
} from '../../../src/platforms/wecom/long-connection.ts';
import { wecomFromConfig } from '../../../src/platforms/wecom/wecom-platform.ts';
import { OutboxWorker } from '../../../src/push/outbox-worker.ts';
import type { JournalRecord } from '../../../storage/journal-record.ts';
import { MemoryPersistence } from '../../../storage/persistence.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { fakeWecom } from '../../helpers/fake-wecom.ts';
import { fakeWecomLongconn, longconnMessage } from '../../helpers/fake-wecom-longconn.ts';
import { wecomReplyChannel } from '../../helpers/reply-pipeline.ts';

const BOT_ID = 'aibAbCdEf0123456789';
const SECRET = 'longconn-secret-never-printed-7f3a';
const GROUP = 'wrkGroup01';
const GROUP_KEY = 'group-robot-key-01';

class Disk extends MemoryPersistence {
  full = false;
  override append(record: JournalRecord): void {
    if (this.full)
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    super.append(record);
  }
}

let server: Awaited<ReturnType<typeof fakeWecomLongconn>>;
let wecomApi: Awaited<ReturnType<typeof fakeWecom>>;
let c: Conversation;
let disk: Disk;
let connection: LongConnection | null = null;
const printed: string[] = [];

const logger: Logger = {
  info: (e, f) => printed.push(`${e} ${JSON.stringify(f)}`),
  warn: (e, f) => printed.push(`${e} ${JSON.stringify(f)}`),
  error: (e, f) => printed.push(`${e} ${JSON.stringify(f)}`),
};
const logged = (event: string) => printed.filter((line) => line.startsWith(`${event} `));

/** The bot as main.ts composes it in WECOM_MODE=longconn, with its replies' outbox worker. */
async function composedBot() {
  const config = loadConfig({
    WECOM_MODE: 'longconn',
    WECOM_BOT_ID: BOT_ID,
    WECOM_BOT_SECRET: SECRET,
    WECOM_LONGCONN_URL: server.url,
    WECOM_API_BASE: wecomApi.base,
    WECOM_WEBHOOK_KEYS: `${GROUP}=${GROUP_KEY}`,
  });
  const status = new DeliveryStatus();
  const replies = new ReplyOutbox({ store: c.store, clock: c.clock, logger });
  const wecom = wecomFromConfig(config, { bot: c.bot, logger, status, replies });
  if (!wecom) throw new Error('the long connection is configured');
  const worker = new OutboxWorker({
    store: c.store,
    channels: new Map([
      [
        'wecom',
        wecomReplyChannel({
          sender: wecom.sender,
          status,
          webhookKeyFor: wecom.webhookKeyFor,
          http: axios.create({ proxy: false }),
          apiBase: wecomApi.base,
        }),
      ],
    ]),
    logger,
    clock: c.clock,
  });
  replies.onQueued = (chat) => worker.wake(chat);
  return wecom;
}

beforeEach(async () => {
  printed.length = 0;
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
  }
  server = await fakeWecomLongconn({ botId: BOT_ID, secret: SECRET });
  wecomApi = await fakeWecom();
  disk = new Disk();
  c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00', persistence: disk });
});

afterEach(async () => {
  connection?.close();
  connection = null;
  await server.close();
  await wecomApi.close();
  vi.restoreAllMocks();
});

describe('WeCom AI bot long connection, composed from WECOM_MODE=longconn', () => {
  beforeEach(async () => {
    const wecom = await composedBot();
    expect(wecom.router).toBeNull();
    connection = wecom.startLongConnection();
    await expect.poll(() => server.subscribed()).toBe(1);
  });

  it('opens no callback route and subscribes with the bot id and secret as its first frame', () => {
    expect(server.subscribes).toHaveLength(1);
    const [subscribe] = server.subscribes;
    expect(subscribe).toEqual({
      cmd: 'aibot_subscribe',
      headers: { req_id: expect.stringMatching(/^aibot_subscribe_/) },
      body: { bot_id: BOT_ID, secret: SECRET },
    });
    expect(connection?.authenticated()).toBe(true);
  });

  it("stores a member's 登记签约 delivered again (while answered, and later) once, and answers it once over the socket as a finished stream", async () => {
    const body = longconnMessage({
      msgid: 'CAIQ16HMjQYY-lc1',
      userid: 'lisi',
      chatid: GROUP,
      content: '@赛马助手 登记签约 年产30万吨再生铝项目 合同额12亿 类型正式合同 日期2023-05-20',
    });
    server.push('req-lc1-a', body);
    server.push('req-lc1-b', body);
    await expect.poll(() => server.replies.length).toBe(1);
    server.push('req-lc1-later', body);
    // frames are handled in order: once the next message is answered, the duplicates had their turn
    server.push('req-lc1-c', longconnMessage({ msgid: 'CAIQ16HMjQYY-lc2', userid: 'lisi', content: '帮助' }));
    await expect.poll(() => server.replies.length).toBe(2);
    expect(server.replies.map((r) => r.headers?.req_id)).toEqual(['req-lc1-a', 'req-lc1-c']);
    expect(server.replies[0]).toEqual({
      cmd: 'aibot_respond_msg',
      headers: { req_id: 'req-lc1-a' },
      body: {
        msgtype: 'stream',
        stream: { id: expect.stringMatching(/^[0-9a-f]{16}$/), finish: true, content: expect.any(String) },
      },
    });
    const content = server.replyContent(0);
    expect(content).toMatch(/已登记签约：P2023-001 年产30万吨再生铝项目/);
    expect(c.store.projects()).toHaveLength(1);
    expect(c.store.project('P2023-001')?.signing?.amountWan).toBe(120_000);
  });

  it('answers a message the store refused as not saved, never as stored, and stores its redelivery once', async () => {
    const body = longconnMessage({
      msgid: 'CAIQ16HMjQYY-full',
      userid: 'lisi',
      content: '登记签约 磁盘满项目 合同额1亿 正式合同 日期2023-06-01',
    });
    disk.full = true;
    server.push('req-full-1', body);
    await expect.poll(() => server.replies.length).toBe(1);
    const refused = server.replyContent(0);
    expect(refused).toMatch(/没有保存/);
    expect(refused).not.toMatch(/已登记/);
    expect(c.store.projects()).toHaveLength(0);
    expect(c.bot.alreadyHandled({ ...message(body) })).toBe(false);
    disk.full = false;
    server.push('req-full-2', body);
    await expect.poll(() => server.replies.length).toBe(2);
    expect(server.replyContent(1)).toMatch(/已登记签约/);
    expect(c.store.projects().map((p) => p.name)).toEqual(['磁盘满项目']);
  });

  it('sends the answer to the group robot when WeCom refuses the answer frame', async () => {
    server.refuseReplies(846609);
    server.push(
      'req-refused',
      longconnMessage({
        msgid: 'CAIQ16HMjQYY-refused',
        userid: 'lisi',
        chatid: GROUP,
        content: '登记签约 转群发项目 合同额1亿 正式合同 日期2023-06-01',
      }),
    );
    await expect.poll(() => wecomApi.pushes.length).toBe(1);
    expect(wecomApi.pushes[0]?.key).toBe(GROUP_KEY);
    expect(wecomApi.pushes[0]?.body.markdown?.content).toMatch(/已登记签约/);
    expect(server.replies).toHaveLength(0);
    expect(c.store.projects()).toHaveLength(1);
  });

  it('reconnects after WeCom drops the connection, subscribes again and keeps answering', async () => {
    server.drop();
    await expect.poll(() => server.subscribes.length, { timeout: 5_000 }).toBe(2);
    await expect.poll(() => server.subscribed()).toBe(1);
    server.push(
      'req-after',
      longconnMessage({ msgid: 'CAIQ16HMjQYY-after', userid: 'lisi', content: '帮助' }),
    );
    await expect.poll(() => server.replies.length).toBe(1);
    expect(logged('wecom_longconn_retry')).toHaveLength(1);
  });

  it('stops reconnecting when WeCom says another connection took this bot over', async () => {
    server.event('evt-1', 'disconnected_event');
    await expect.poll(() => logged('wecom_longconn_replaced')).toHaveLength(1);
    await expect.poll(() => server.subscribed()).toBe(0);
    expect(logged('wecom_longconn_retry')).toHaveLength(0);
    expect(connection?.authenticated()).toBe(false);
  });

  it('never prints the secret, through messages, drops and reconnects', async () => {
    server.push('req-s', longconnMessage({ msgid: 'CAIQ16HMjQYY-s', userid: 'lisi', content: '帮助' }));
    await expect.poll(() => server.replies.length).toBe(1);
    server.drop();
    await expect.poll(() => server.subscribes.length, { timeout: 5_000 }).toBe(2);
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.join('\n')).not.toContain(SECRET);
  });
});

function message(body: ReturnType<typeof longconnMessage>) {
  return {
    platform: 'wecom',
    messageId: body.msgid,
    chatId: null,
    chatType: 'single' as const,
    senderId: body.from.userid,
    text: body.text.content,
  };
}

describe('the long connection itself', () => {
  const open = (over: Partial<Parameters<typeof startLongConnection>[0]> = {}) =>
    startLongConnection({
      url: server.url,
      botId: BOT_ID,
      secret: SECRET,
      logger,
      onMessage: async () => undefined,
      ...over,
    });

  it('pings with its own req_id while subscribed, and reconnects once two pings go unanswered', async () => {
    connection = open({ heartbeatMs: 30, backoff: { firstMs: 20, maxMs: 40 } });
    await expect.poll(() => server.pings.length).toBeGreaterThanOrEqual(2);
    expect(server.pings[0]).toEqual({ cmd: 'ping', headers: { req_id: expect.stringMatching(/^ping_/) } });
    expect(new Set(server.pings.map((p) => p.headers?.req_id)).size).toBe(server.pings.length);
    expect(server.connectedAt).toHaveLength(1);
    server.stopAnsweringPings();
    await expect.poll(() => logged('wecom_longconn_heartbeat_lost')).toHaveLength(1);
    await expect.poll(() => server.connectedAt.length).toBe(2);
  });

  it('backs off between reconnects while WeCom keeps dropping the connection: one attempt per wait, doubling to the cap', async () => {
    connection = open({ backoff: { firstMs: 40, maxMs: 320 }, random: () => 1 });
    await expect.poll(() => server.subscribed()).toBe(1);
    server.drop(true);
    await expect.poll(() => server.connectedAt.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(7);
    connection.close();
    const waits = logged('wecom_longconn_retry').map(
      (line) => JSON.parse(line.slice(line.indexOf('{'))).inMs,
    );
    expect(waits.slice(0, 6)).toEqual([40, 80, 160, 320, 320, 320]);
    // no bursts: every connection after the first waited out its delay
    const gaps = server.connectedAt.slice(1).map((t, i) => t - (server.connectedAt[i] as number));
    expect(waits.length).toBeGreaterThanOrEqual(server.connectedAt.length - 1);
    expect(waits.length).toBeLessThanOrEqual(server.connectedAt.length);
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual((waits[i] as number) - 5);
  });

  it('backs off after WeCom refuses the subscription, and logs the refusal without the secret', async () => {
    connection = open({ secret: 'wrong-secret', backoff: { firstMs: 20, maxMs: 40 } });
    await expect.poll(() => server.connectedAt.length).toBeGreaterThanOrEqual(3);
    connection.close();
    expect(logged('wecom_longconn_auth_refused')[0]).toMatch(/40058/);
    expect(server.subscribed()).toBe(0);
    expect(printed.join('\n')).not.toContain('wrong-secret');
  });
});

describe('reconnect waits', () => {
  it('start at a second, double, stop at a minute, and are shortened by at most a quarter', () => {
    const backoff = { firstMs: 1_000, maxMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => reconnectDelayMs(n, backoff, 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    expect(reconnectDelayMs(1, backoff, 0)).toBe(750);
    expect(reconnectDelayMs(9, backoff, 0)).toBe(45_000);
  });
});
