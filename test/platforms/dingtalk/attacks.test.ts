import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { dingtalkCallbacks } from '../../../src/platforms/dingtalk/receiver.ts';
import { dingtalkSign } from '../../../src/platforms/dingtalk/sign.ts';
import { createApp } from '../../../src/server/app.ts';
import type { JournalRecord } from '../../../storage/journal-record.ts';
import { MemoryPersistence } from '../../../storage/persistence.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { testDingtalkSender } from '../../helpers/dingtalk-sender.ts';
import { fakeDingtalk, robotMessage } from '../../helpers/fake-dingtalk.ts';
import { dingtalkReplyChannel, replyPipeline } from '../../helpers/reply-pipeline.ts';

const APP_KEY = 'dingappkey';
const APP_SECRET = 'Zq3vN8xT1bYk5GmR0pLwE7sH2cJ9aUfD4iOeV6nQyXtBzKgMhWj_-AbCdEfGhIjK';

/** A journal that says when it holds a record, and can be made to fail like a full disk. */
class ObservedJournal extends MemoryPersistence {
  full = false;
  constructor(private readonly events: string[]) {
    super();
  }
  override append(record: JournalRecord): void {
    if (this.full)
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    super.append(record);
    this.events.push(`journal ${record.messageKey}`);
  }
}

let fake: Awaited<ReturnType<typeof fakeDingtalk>>;
let c: Conversation;
let journal: ObservedJournal;
let events: string[];
let server: Server;
let base: string;

beforeEach(async () => {
  fake = await fakeDingtalk({ appKey: APP_KEY, appSecret: APP_SECRET, robots: {} });
  events = [];
  journal = new ObservedJournal(events);
  c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00', persistence: journal });
  await c.say('添加成员 管理员甲 账号boss 角色管理员');
  events.length = 0;
  const sender = testDingtalkSender({ base: fake.base, appKey: APP_KEY, appSecret: APP_SECRET });
  const { replies } = replyPipeline(c.store, [dingtalkReplyChannel(sender, new DeliveryStatus())], {
    clock: c.clock,
  });
  const router = dingtalkCallbacks({
    respond: async (m) => (c.bot.alreadyHandled(m) ? null : c.bot.receive(m)),
    sender,
    replies,
    logger: silentLogger,
    appSecret: APP_SECRET,
  });
  server = createApp({ store: c.store, callbacks: router, logger: silentLogger }).listen(0, '127.0.0.1');
  // what the platform sees: the moment the status line of each callback's answer is written
  server.prependListener('request', (req, res) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof res.writeHead>) {
      if (req.url === '/webhook/dingtalk') events.push(`ack ${args[0]}`);
      return writeHead.apply(this, args);
    } as typeof res.writeHead;
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fake.close();
});

const session = () => `${fake.base}/robot/sendBySession?session=s1`;
const signed = (at = Date.now()) => ({ timestamp: String(at), sign: dingtalkSign(String(at), APP_SECRET) });

function post(body: object, headers: { timestamp: string; sign: string }) {
  return fetch(`${base}/webhook/dingtalk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const signing = (msgId: string, name: string, staffId = 'lisi') =>
  robotMessage({
    msgId,
    staffId,
    content: `登记签约 ${name} 合同额12亿 类型正式合同 日期2023-05-20`,
    sessionWebhook: session(),
  });

describe('an attacker against the DingTalk HTTP callback', () => {
  it('cannot reuse a captured (timestamp, sign) pair for another message, while DingTalk can retry the first', async () => {
    const captured = signed();
    expect((await post(signing('msg-1', '再生铝项目'), captured)).status).toBe(200);
    const addAdmin = robotMessage({
      msgId: 'msg-evil',
      staffId: 'boss',
      content: '添加成员 内鬼 账号mole 角色管理员',
      sessionWebhook: session(),
    });
    const replayed = await post(addAdmin, captured);
    expect(replayed.status).toBe(403);
    expect(await post(signing('msg-2', '另一个项目', 'wangwu'), captured)).toHaveProperty('status', 403);
    // nothing of either forged message reached the journal (the outbox may still be sending the first reply)
    expect(events.filter((e) => /msg-evil|msg-2/.test(e))).toEqual([]);
    expect(c.store.memberByAccount('mole')).toBeNull();
    // DingTalk resending the first message with the same headers is not an attack
    expect((await post(signing('msg-1', '再生铝项目'), captured)).status).toBe(200);
    expect(c.store.projects().map((p) => p.name)).toEqual(['再生铝项目']);
    await expect.poll(() => fake.sent.length).toBe(1);
  });

  it('refuses a sign stamped more than a minute ahead of our clock', async () => {
    const res = await post(signing('msg-future', '未来项目'), signed(Date.now() + 2 * 60_000));
    expect(res.status).toBe(403);
    expect(c.store.projects()).toHaveLength(0);
  });
});

describe('the DingTalk acknowledgement', () => {
  it('is sent only after the journal holds the change', async () => {
    const res = await post(signing('msg-durable', '落盘项目'), signed());
    expect(res.status).toBe(200);
    // the change, then its reply queued in the outbox (no message key), and only then the 200
    const beforeAck = events.slice(0, events.indexOf('ack 200'));
    expect(beforeAck[0]).toBe('journal dingtalk:msg-durable');
    expect(beforeAck[1]).toBe('journal null');
    expect(events.filter((e) => e === 'journal dingtalk:msg-durable')).toHaveLength(1);
    expect(c.store.projects().map((p) => p.name)).toEqual(['落盘项目']);
  });

  it('is 503 with no reply when the store refuses the write, so that DingTalk resends; the resend is stored once', async () => {
    journal.full = true;
    const first = await post(signing('msg-disk', '磁盘满项目'), signed());
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ error: 'not_stored' });
    expect(c.store.projects()).toHaveLength(0);
    journal.full = false;
    const resent = await post(signing('msg-disk', '磁盘满项目'), signed());
    expect(resent.status).toBe(200);
    expect(c.store.projects().map((p) => p.name)).toEqual(['磁盘满项目']);
    await expect.poll(() => fake.sent.length).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    // the member hears once, from the attempt that stored it, not an apology inviting a second copy
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]?.text).toMatch(/已登记签约/);
  });
});
