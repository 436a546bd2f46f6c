import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBot } from '../../../src/compose.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { aesKeyFrom } from '../../../src/platforms/wecom/crypto.ts';
import { wecomCallbacks } from '../../../src/platforms/wecom/receiver.ts';
import { WecomWebhookSender } from '../../../src/platforms/wecom/webhook-sender.ts';
import { createApp } from '../../../src/server/app.ts';
import { FilePersistence } from '../../../storage/file-persistence.ts';
import { Store } from '../../../storage/store.ts';
import { crashCopy } from '../../helpers/crashed-store.ts';
import { fakeWecom } from '../../helpers/fake-wecom.ts';
import { replyPipeline, wecomReplyChannel } from '../../helpers/reply-pipeline.ts';
import { aiBotMessage, WECOM_AES_KEY, WECOM_TOKEN, wecomRequest } from '../../helpers/wecom-client.ts';

const GROUP = 'wrkGroup01';
const GROUP_KEY = 'group-robot-key-01';
const webhookKeyFor = (chatId: string) => (chatId === GROUP ? GROUP_KEY : null);
const servers: Server[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
});

/**
 * One running saima on a data directory, answering WeCom at `apiBase`; answers take 600 ms (late).
 * The list asked for is followed by a long report, so the answer is longer than response_url takes.
 */
async function life(dir: string, apiBase: string) {
  const store = await Store.open(new FilePersistence(dir));
  const bot = buildBot({ store, clock: { now: () => new Date() }, admins: ['admin'], logger: silentLogger });
  const http = axios.create({ proxy: false });
  const status = new DeliveryStatus();
  const sender = new WecomWebhookSender({
    apiBase,
    http,
    logger: silentLogger,
    status,
    sleep: async () => {},
  });
  const { replies, worker } = replyPipeline(store, [
    wecomReplyChannel({ sender, status, webhookKeyFor, http, apiBase }),
  ]);
  const router = wecomCallbacks({
    token: WECOM_TOKEN,
    key: aesKeyFrom(WECOM_AES_KEY),
    corpId: null,
    apiBase,
    respond: async (m) => {
      const list = bot.handle(m);
      const report = Array.from(
        { length: 200 },
        (_, i) => `附注${i}：${'招商引资项目进展情况说明'.repeat(3)}`,
      );
      const reply = { ...list, more: [{ tone: 'info' as const, title: '附注', lines: report }] };
      await new Promise((r) => setTimeout(r, 600));
      return { kind: 'answered', reply };
    },
    sender,
    webhookKeyFor,
    replies,
    logger: silentLogger,
    replyDeadlineMs: 300,
  });
  const server = createApp({ store, callbacks: router }).listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const say = async (plaintext: string) => {
    const req = wecomRequest(plaintext);
    const res = await fetch(`${base}/webhook/wecom?${req.query}`, {
      method: 'POST',
      body: JSON.stringify({ encrypt: req.encrypted }),
    });
    return { status: res.status, text: await res.text() };
  };
  return { store, bot, worker, say };
}

describe('a late WeCom answer kept in the durable outbox', () => {
  it('goes out once after a restart: 20,480 bytes through response_url, the overflow to the group robot', {
    timeout: 30_000,
  }, async () => {
    let fake = await fakeWecom();
    const { port, base: apiBase } = fake;
    const dir = mkdtempSync(join(tmpdir(), 'saima-wecom-replies-'));
    const first = await life(dir, apiBase);
    const admin = (text: string) =>
      first.bot.handle({
        platform: 'test',
        messageId: null,
        chatId: null,
        chatType: 'single',
        senderId: 'admin',
        text,
      });
    admin('添加单位 工业园区管委会 类型园区');
    admin('添加成员 张三 账号zhangsan 角色领导');
    for (let i = 0; i < 60; i++)
      admin(
        `登记签约 第${i}个很长很长名字的招商引资项目 合同额1亿 正式合同 单位工业园区管委会 日期2026-06-01`,
      );

    // WeCom cannot be reached while the answer is ready, and then the process dies
    await fake.close();
    const res = await first.say(
      aiBotMessage({
        msgid: 'm-long',
        userid: 'zhangsan',
        chatid: GROUP,
        content: '签约未开工',
        responseUrl: `${apiBase}/cgi-bin/aibot/response?response_code=RC2`,
      }),
    );
    expect(res).toEqual({ status: 200, text: '' });
    await expect
      .poll(() => first.store.outbox((i) => i.lastError !== null).length, { timeout: 5000 })
      .toBe(1);
    const queued = first.store.outbox((i) => i.status === 'pending');
    expect(queued.length).toBeGreaterThan(1);
    expect(queued.filter((i) => i.reply?.url)).toHaveLength(1);
    const afterCrash = crashCopy(dir);

    fake = await fakeWecom({ port });
    try {
      const next = await life(afterCrash, apiBase);
      await next.worker.recoverInterrupted();
      await next.worker.kick();

      expect(fake.responses).toHaveLength(1);
      expect(fake.responses[0]).toMatchObject({ code: 'RC2', body: { msgtype: 'markdown' } });
      const firstBody = fake.responses[0]?.body as { markdown: { content: string } } | undefined;
      const firstPart = firstBody?.markdown.content ?? '';
      expect(Buffer.byteLength(firstPart)).toBeGreaterThan(15_000);
      expect(Buffer.byteLength(firstPart)).toBeLessThanOrEqual(20_480);
      expect(fake.pushes.every((p) => p.body.msgtype === 'markdown_v2')).toBe(true);
      const rest = fake.pushes.map((p) => p.body.markdown_v2?.content ?? '');
      expect(rest).toHaveLength(queued.length - 1);
      expect(fake.pushes.every((p) => p.key === GROUP_KEY)).toBe(true);
      const whole = [firstPart, ...rest].join('\n');
      expect(whole).toMatch(/项目调度清单/);
      const order = [...whole.matchAll(/第(\d+)个很长/g)].map((m) => Number(m[1]));
      expect(new Set(order).size).toBe(order.length);
      expect(order).toHaveLength(50);
      expect(whole).toMatch(/附注199：/);
      expect(next.store.outbox((i) => i.status !== 'sent')).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
