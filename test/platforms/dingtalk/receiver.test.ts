import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { dingtalkCallbacks } from '../../../src/platforms/dingtalk/receiver.ts';
import { dingtalkSign } from '../../../src/platforms/dingtalk/sign.ts';
import { createApp } from '../../../src/server/app.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { testDingtalkSender } from '../../helpers/dingtalk-sender.ts';
import { fakeDingtalk, robotMessage } from '../../helpers/fake-dingtalk.ts';
import { listenOnLoopback } from '../../helpers/loopback.ts';
import { dingtalkReplyChannel, replyPipeline } from '../../helpers/reply-pipeline.ts';

const APP_KEY = 'dingappkey';
const APP_SECRET = 'Zq3vN8xT1bYk5GmR0pLwE7sH2cJ9aUfD4iOeV6nQyXtBzKgMhWj_-AbCdEfGhIjK';
const ROBOT_TOKEN = 'custom-robot-token';
const ROBOT_SECRET = 'SEC5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1';

let fake: Awaited<ReturnType<typeof fakeDingtalk>>;
let c: Conversation;
let server: Server;
let base: string;

beforeEach(async () => {
  fake = await fakeDingtalk({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    robots: { [ROBOT_TOKEN]: ROBOT_SECRET },
  });
  c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
  const status = new DeliveryStatus();
  const sender = testDingtalkSender(
    { base: fake.base, appKey: APP_KEY, appSecret: APP_SECRET },
    {
      status,
      customRobotFor: (id) =>
        id === 'cidCUSTOM==' ? { accessToken: ROBOT_TOKEN, secret: ROBOT_SECRET } : null,
    },
  );
  const { replies } = replyPipeline(c.store, [dingtalkReplyChannel(sender, status)], { clock: c.clock });
  const router = dingtalkCallbacks({
    respond: async (m) => (c.bot.alreadyHandled(m) ? null : c.bot.receive(m)),
    sender,
    replies,
    logger: silentLogger,
    appSecret: APP_SECRET,
    // no SAIMA_PUBLIC_URL: no link, the picture is a file the app robot uploads
    pictureUrl: async () => null,
    pictureFile: async (picture) => {
      const path = join(mkdtempSync(join(tmpdir(), 'saima-reply-picture-')), `${picture.asOf}.png`);
      writeFileSync(path, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(512, 1)]));
      return path;
    },
  });
  ({ server, base } = await listenOnLoopback(createApp({ store: c.store, callbacks: router })));
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fake.close();
});

function post(body: object, headers: Record<string, string> | 'signed' = 'signed') {
  const timestamp = String(Date.now());
  const h = headers === 'signed' ? { timestamp, sign: dingtalkSign(timestamp, APP_SECRET) } : headers;
  return fetch(`${base}/webhook/dingtalk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...h },
    body: JSON.stringify(body),
  });
}

const session = () => `${fake.base}/robot/sendBySession?session=s1`;

describe('DingTalk HTTP callback through the real Express app', () => {
  it('refuses a bad sign, a missing header and a timestamp 61 minutes old, processing nothing', async () => {
    const before = c.store.seq;
    const body = robotMessage({
      msgId: 'm-forged',
      staffId: 'lisi',
      content: '登记签约 伪造项目 合同额1亿 正式合同',
      sessionWebhook: session(),
    });
    const old = String(Date.now() - 61 * 60_000);
    const now = String(Date.now());
    for (const headers of [
      { timestamp: now, sign: dingtalkSign(now, 'wrong secret') },
      { timestamp: now },
      { sign: dingtalkSign(now, APP_SECRET) },
      { timestamp: old, sign: dingtalkSign(old, APP_SECRET) },
    ]) {
      expect((await post(body, headers as Record<string, string>)).status).toBe(403);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(c.store.seq).toBe(before);
    expect(fake.attempts).toHaveLength(0);
  });

  it("stores a member's 登记签约 once when delivered twice, and replies to the sessionWebhook", async () => {
    const body = robotMessage({
      msgId: 'msgAbC==',
      staffId: 'lisi',
      content: '登记签约 年产30万吨再生铝项目 合同额12亿 类型正式合同 日期2023-05-20',
      sessionWebhook: session(),
    });
    const [a, b] = await Promise.all([post(body), post(body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await expect.poll(() => fake.sent.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.store.projects()).toHaveLength(1);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ via: 'session', target: 's1' });
    expect(fake.sent[0]?.text).toMatch(/已登记签约：P2023-001 年产30万吨再生铝项目/);
  });

  it('@-mentions the asker in a group reply (at.atUserIds and @staffId in the text), not in a single chat', async () => {
    await post(
      robotMessage({ msgId: 'msgAt1==', staffId: 'lisi', content: '帮助', sessionWebhook: session() }),
    );
    await expect.poll(() => fake.sent.length).toBe(1);
    expect(fake.sent[0]).toMatchObject({ via: 'session', atUserIds: ['lisi'] });
    expect(fake.sent[0]?.text).toMatch(/@lisi/);

    await post(
      robotMessage({
        msgId: 'msgAt2==',
        staffId: 'lisi',
        content: '帮助',
        group: false,
        sessionWebhook: session(),
      }),
    );
    await expect.poll(() => fake.sent.length).toBe(2);
    expect(fake.sent[1]?.atUserIds).toBeUndefined();
    expect(fake.sent[1]?.text).not.toMatch(/@lisi/);
  });

  it('sends a reply’s five-colour picture without a public URL to the group by upload and sampleImageMsg', async () => {
    await post(
      robotMessage({
        msgId: 'msgPic==',
        staffId: 'admin',
        content: '推送预览 季度晾晒',
        sessionWebhook: session(),
      }),
    );
    await expect.poll(() => fake.sent.length).toBe(2);
    expect(fake.sent.find((m) => m.via === 'session')?.text).toMatch(/一张五色图/);
    expect(fake.sent.find((m) => m.via === 'openapi')).toMatchObject({
      target: 'cidGROUP01==',
      msgKey: 'sampleImageMsg',
      photoURL: '@lADPmedia1',
    });
    expect(fake.uploads).toHaveLength(1);
  });

  it('falls back to the group push through the OpenAPI when the sessionWebhook has expired', async () => {
    await post(
      robotMessage({
        msgId: 'm-expired',
        staffId: 'lisi',
        content: '帮助',
        sessionWebhook: session(),
        expiresAt: Date.now() - 1000,
      }),
    );
    await post(
      robotMessage({
        msgId: 'm-expired-2',
        staffId: 'lisi',
        content: '我的项目',
        sessionWebhook: session(),
        expiresAt: Date.now() - 1000,
      }),
    );
    await expect.poll(() => fake.sent.length).toBe(2);
    expect(fake.sent.every((s) => s.via === 'openapi' && s.target === 'cidGROUP01==')).toBe(true);
    expect(fake.tokensIssued()).toBe(1); // cached between sends
  });

  it('uses the custom robot with 加签 for a group that has one', async () => {
    await post(
      robotMessage({
        msgId: 'm-custom',
        staffId: 'lisi',
        content: '帮助',
        conversationId: 'cidCUSTOM==',
        sessionWebhook: session(),
        expiresAt: 0,
      }),
    );
    await expect.poll(() => fake.sent.length).toBe(1);
    expect(fake.sent[0]).toMatchObject({ via: 'custom', target: ROBOT_TOKEN });
    expect(fake.refused).toHaveLength(0);
  });

  it('refuses a sessionWebhook that is not on the DingTalk host', async () => {
    await post(
      robotMessage({
        msgId: 'm-evil',
        staffId: 'lisi',
        content: '帮助',
        sessionWebhook: 'http://127.0.0.2:1/steal',
      }),
    );
    await expect.poll(() => fake.sent.length).toBe(1); // answered through the group push instead
    expect(fake.sent[0]?.via).toBe('openapi');
  });

  it('tells an unknown staffId how to join, and binds a group by its conversationId', async () => {
    await post(
      robotMessage({ msgId: 'm-who', staffId: 'stranger', content: '本月晾晒', sessionWebhook: session() }),
    );
    await expect.poll(() => fake.sent.length).toBe(1);
    expect(fake.sent[0]?.text).toMatch(/还不认识您（账号 stranger）/);
    await c.say('添加成员 管理员甲 账号boss 角色管理员');
    await post(
      robotMessage({ msgId: 'm-bind', staffId: 'boss', content: '绑定本群 全区', sessionWebhook: session() }),
    );
    await expect.poll(() => c.store.binding('dingtalk', 'cidGROUP01==')).not.toBeNull();
  });
});
