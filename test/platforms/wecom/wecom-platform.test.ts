import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import type { Logger } from '../../../src/core/logger.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { ReplyOutbox } from '../../../src/delivery/reply-outbox.ts';
import type { LongConnection } from '../../../src/platforms/wecom/long-connection.ts';
import { wecomFromConfig } from '../../../src/platforms/wecom/wecom-platform.ts';
import { OutboxWorker } from '../../../src/push/outbox-worker.ts';
import { createApp } from '../../../src/server/app.ts';
import type { JournalRecord } from '../../../storage/journal-record.ts';
import { MemoryPersistence } from '../../../storage/persistence.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { fakeWecom } from '../../helpers/fake-wecom.ts';
import { fakeWecomLongconn, longconnMessage } from '../../helpers/fake-wecom-longconn.ts';
import { wecomReplyChannel } from '../../helpers/reply-pipeline.ts';
import {
  aiBotMessage,
  openPassiveReply,
  WECOM_AES_KEY,
  WECOM_TOKEN,
  wecomRequest,
} from '../../helpers/wecom-client.ts';

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

/** The bot as main.ts composes it in WECOM_MODE=longconn, with its replies' outbox worker. */
async function composedBot(extra: Record<string, string> = {}) {
  const config = loadConfig({
    WECOM_MODE: 'longconn',
    WECOM_BOT_ID: BOT_ID,
    WECOM_BOT_SECRET: SECRET,
    WECOM_LONGCONN_URL: server.url,
    WECOM_API_BASE: wecomApi.base,
    WECOM_WEBHOOK_KEYS: `${GROUP}=${GROUP_KEY}`,
    ...extra,
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
    expect(wecom.callbacks).toEqual([]);
    connection = wecom.startLongConnection();
    await expect.poll(() => server.subscribed()).toBe(1);
  });

  it('opens no callback route and subscribes with the bot id and secret as its first frame', async () => {
    expect(server.subscribes).toHaveLength(1);
    const [subscribe] = server.subscribes;
    expect(subscribe).toEqual({
      cmd: 'aibot_subscribe',
      headers: { req_id: expect.stringMatching(/^aibot_subscribe_/) },
      body: { bot_id: BOT_ID, secret: SECRET },
    });
    // the server counts the frame before the client has read its answer: on a busy machine, wait for it
    await expect.poll(() => connection?.authenticated()).toBe(true);
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
    expect(c.bot.alreadyHandled(message(body))).toBe(false);
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
    expect(wecomApi.pushes[0]?.body.markdown_v2?.content).toMatch(/已登记签约/);
    expect(server.replies).toHaveLength(0);
    expect(c.store.projects()).toHaveLength(1);
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

describe('WeCom in WECOM_MODE=both', () => {
  it('stores a message WeCom delivers on the callback and on the long connection once, and answers it once', async () => {
    const wecom = await composedBot({
      WECOM_MODE: 'both',
      WECOM_TOKEN,
      WECOM_ENCODING_AES_KEY: WECOM_AES_KEY,
    });
    expect(wecom.callbacks.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /webhook/wecom',
      'POST /webhook/wecom',
    ]);
    connection = wecom.startLongConnection();
    await expect.poll(() => server.subscribed()).toBe(1);
    const http = createApp({ store: c.store, callbacks: wecom.callbacks }).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => http.once('listening', () => resolve()));
    try {
      const fields = {
        msgid: 'CAIQ16HMjQYY-both',
        userid: 'lisi',
        content: '登记签约 两路项目 合同额2亿 正式合同 日期2023-06-01',
      };
      const req = wecomRequest(aiBotMessage(fields));
      const address = http.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${address.port}/webhook/wecom?${req.query}`, {
        method: 'POST',
        body: JSON.stringify({ encrypt: req.encrypted }),
        headers: { 'content-type': 'application/json' },
      });
      expect(openPassiveReply(await res.json()).stream.content).toMatch(/已登记签约/);
      server.push('req-both', longconnMessage(fields));
      server.push(
        'req-next',
        longconnMessage({ msgid: 'CAIQ16HMjQYY-next', userid: 'lisi', content: '帮助' }),
      );
      await expect.poll(() => server.replies.length).toBe(1);
      expect(server.replies[0]?.headers?.req_id).toBe('req-next');
      expect(c.store.projects().map((p) => p.name)).toEqual(['两路项目']);
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});
