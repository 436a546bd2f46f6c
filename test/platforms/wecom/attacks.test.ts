import type { Server } from 'node:http';
import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { ReplyOutbox } from '../../../src/delivery/reply-outbox.ts';
import { aesKeyFrom } from '../../../src/platforms/wecom/crypto.ts';
import { wecomCallbacks } from '../../../src/platforms/wecom/receiver.ts';
import { WecomWebhookSender } from '../../../src/platforms/wecom/webhook-sender.ts';
import { createApp } from '../../../src/server/app.ts';
import { systemClock } from '../../../src/time/clock.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { listenOnLoopback } from '../../helpers/loopback.ts';
import {
  aiBotMessage,
  WECOM_AES_KEY,
  WECOM_CORP_ID,
  WECOM_TOKEN,
  wecomRequest,
} from '../../helpers/wecom-client.ts';

let c: Conversation;
let server: Server;
let base: string;

beforeEach(async () => {
  c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
  const http = axios.create({ proxy: false });
  const router = wecomCallbacks({
    token: WECOM_TOKEN,
    key: aesKeyFrom(WECOM_AES_KEY),
    corpId: WECOM_CORP_ID,
    apiBase: 'http://127.0.0.1:9',
    respond: async (m) => c.bot.receive(m),
    replies: new ReplyOutbox({ store: c.store, clock: systemClock, logger: silentLogger }),
    sender: new WecomWebhookSender({
      apiBase: 'http://127.0.0.1:9',
      http,
      logger: silentLogger,
      status: new DeliveryStatus(),
    }),
    webhookKeyFor: () => null,
    logger: silentLogger,
  });
  ({ server, base } = await listenOnLoopback(
    createApp({ store: c.store, callbacks: router, logger: silentLogger }),
  ));
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const seconds = (d: Date) => String(Math.floor(d.getTime() / 1000));
const signing = (content: string, msgid: string) =>
  aiBotMessage({ msgid, userid: 'lisi', content: `登记签约 ${content} 合同额1亿 正式合同 日期2023-06-01` });
const appMessage = (content: string, msgid: string) =>
  `<xml><ToUserName><![CDATA[${WECOM_CORP_ID}]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName><CreateTime>1409659813</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[登记签约 ${content} 合同额1亿 正式合同 日期2023-06-01]]></Content><MsgId>${msgid}</MsgId></xml>`;

function postAiBot(req: ReturnType<typeof wecomRequest>, body = JSON.stringify({ encrypt: req.encrypted })) {
  return fetch(`${base}/webhook/wecom?${req.query}`, { method: 'POST', body });
}

function postApp(req: ReturnType<typeof wecomRequest>) {
  return fetch(`${base}/webhook/wecom-app?${req.query}`, {
    method: 'POST',
    body: `<xml><ToUserName><![CDATA[${WECOM_CORP_ID}]]></ToUserName><Encrypt><![CDATA[${req.encrypted}]]></Encrypt></xml>`,
  });
}

describe('an attacker against the WeCom callbacks', () => {
  // how long the reader looks at such bodies is counted in xml.test.ts; here they go through the server
  it('is refused 64 KB of hostile XML on /webhook/wecom-app while /healthz keeps answering', async () => {
    const query = `msg_signature=${'a'.repeat(40)}&timestamp=${seconds(new Date())}&nonce=1`;
    const size = 64 * 1024 - 64;
    const bodies = [
      `<Encrypt>${' '.repeat(size)}`,
      `<xml><Encrypt>${'<![CDATA['.repeat(size / 9)}`,
      `<Encrypt>${' '.repeat(size / 2)}<![CDATA[x${' '.repeat(size / 2)}`,
      '<Encrypt>'.repeat(size / 9),
      `<xml><Encrypt>${'\t \n'.repeat(size / 3)}x`,
    ];
    const health = async () => {
      const res = await fetch(`${base}/healthz`);
      await res.json();
      return res.status;
    };
    for (const body of bodies) {
      const [attack, ...checks] = await Promise.all([
        fetch(`${base}/webhook/wecom-app?${query}`, { method: 'POST', body }).then((r) => r.status),
        health(),
        health(),
        health(),
      ]);
      expect(attack).toBe(400);
      expect(checks).toEqual([200, 200, 200]);
    }
  });

  it('replays a correctly signed message stamped 8 days ago, or in 2001, and changes nothing', async () => {
    const before = c.store.seq;
    const eightDaysAgo = seconds(new Date(Date.now() - 8 * 86_400_000));
    const in2001 = seconds(new Date('2001-09-09T09:00:00+08:00'));
    for (const timestamp of [eightDaysAgo, in2001]) {
      const ai = wecomRequest(signing(`重放项目${timestamp}`, `replay-${timestamp}`), '', { timestamp });
      expect((await postAiBot(ai)).status).toBe(403);
      const app = wecomRequest(appMessage(`应用重放${timestamp}`, `9${timestamp}`), WECOM_CORP_ID, {
        timestamp,
      });
      expect((await postApp(app)).status).toBe(403);
      for (const [path, receiveId] of [
        ['/webhook/wecom', ''],
        ['/webhook/wecom-app', WECOM_CORP_ID],
      ] as const) {
        const echo = wecomRequest('echo', receiveId, { timestamp });
        const check = await fetch(
          `${base}${path}?${echo.query}&echostr=${encodeURIComponent(echo.encrypted)}`,
        );
        expect(check.status).toBe(403);
        expect(await check.text()).not.toContain('echo');
      }
    }
    expect(c.store.seq).toBe(before);
    expect(c.store.projects()).toHaveLength(0);
  });

  it('still takes a message stamped a few minutes ago, and stores it once however often it is replayed', async () => {
    const timestamp = seconds(new Date(Date.now() - 4 * 60_000));
    const req = wecomRequest(signing('及时项目', 'm-fresh'), '', { timestamp });
    for (let i = 0; i < 3; i++) expect((await postAiBot(req)).status).toBe(200);
    expect(c.store.projects().map((p) => p.name)).toEqual(['及时项目']);
  });

  it("cannot move one message's signature onto another body", async () => {
    const genuine = wecomRequest(signing('真项目', 'm-genuine'));
    const forged = wecomRequest(signing('假项目', 'm-forged'));
    const swapped = await postAiBot(genuine, JSON.stringify({ encrypt: forged.encrypted }));
    expect(swapped.status).toBe(403);
    const appGenuine = wecomRequest(appMessage('真应用项目', '101'), WECOM_CORP_ID);
    const appForged = wecomRequest(appMessage('假应用项目', '102'), WECOM_CORP_ID);
    expect((await postApp({ ...appGenuine, encrypted: appForged.encrypted })).status).toBe(403);
    expect(c.store.projects()).toHaveLength(0);
  });

  it('refuses a body over 64 KB with a short JSON answer, on both routes', async () => {
    const req = wecomRequest(signing('大项目', 'm-big'));
    for (const path of ['/webhook/wecom', '/webhook/wecom-app']) {
      const res = await fetch(`${base}${path}?${req.query}`, {
        method: 'POST',
        body: JSON.stringify({ encrypt: req.encrypted, pad: 'x'.repeat(64 * 1024) }),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ error: 'body_too_large' });
    }
    expect(c.store.projects()).toHaveLength(0);
  });
});
