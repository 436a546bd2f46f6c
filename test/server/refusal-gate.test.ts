import { EventEmitter } from 'node:events';
import { request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonLogger, silentLogger } from '../../src/core/logger.ts';
import { ReplyOutbox } from '../../src/delivery/reply-outbox.ts';
import { dingtalkCallbacks } from '../../src/platforms/dingtalk/receiver.ts';
import { dingtalkSign } from '../../src/platforms/dingtalk/sign.ts';
import { createApp } from '../../src/server/app.ts';
import { REFUSALS_PER_MINUTE, RefusalGate } from '../../src/server/refusal-gate.ts';
import { sourceAddress } from '../../src/server/source-address.ts';
import { systemClock } from '../../src/time/clock.ts';
import { type Conversation, smallDistrict } from '../helpers/conversation.ts';
import { testDingtalkSender } from '../helpers/dingtalk-sender.ts';
import { robotMessage } from '../helpers/fake-dingtalk.ts';

const SECRET = 'ding-secret-for-the-gate';
const ATTACKER = '203.0.113.9';
const DINGTALK = '198.51.100.7';

let server: Server | null = null;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function start(
  trustProxy: string | null,
): Promise<{ base: string; c: Conversation; now: { ms: number } }> {
  const c = await smallDistrict();
  const now = { ms: Date.now() };
  const router = dingtalkCallbacks({
    appSecret: SECRET,
    respond: async (m) => (c.bot.alreadyHandled(m) ? null : c.bot.receive(m)),
    replies: new ReplyOutbox({ store: c.store, clock: systemClock, logger: silentLogger }),
    sender: testDingtalkSender(null),
    logger: silentLogger,
  });
  const app = createApp({
    store: c.store,
    callbacks: router,
    logger: silentLogger,
    trustProxy,
    now: () => now.ms,
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server?.once('listening', () => resolve()));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, c, now };
}

const headers = (from: string, signed: boolean) => {
  const timestamp = String(Date.now());
  return {
    'content-type': 'application/json',
    'x-forwarded-for': from,
    timestamp,
    sign: signed ? dingtalkSign(timestamp, SECRET) : 'forged',
  };
};

const report = (msgId: string, name: string) =>
  robotMessage({ msgId, staffId: 'lisi', content: `登记签约 ${name} 合同额1亿 正式合同 日期2023-06-01` });

async function post(base: string, from: string, signed: boolean, body: object) {
  const res = await fetch(`${base}/webhook/dingtalk`, {
    method: 'POST',
    headers: headers(from, signed),
    body: JSON.stringify(body),
  });
  return res.status;
}

describe('source addresses whose callbacks keep failing verification', () => {
  it('get 429 before their body is read, for the rest of the minute, while others pass', async () => {
    const { base, c, now } = await start('loopback');
    for (let i = 0; i < REFUSALS_PER_MINUTE; i++) {
      expect(await post(base, ATTACKER, false, report(`f-${i}`, '伪造'))).toBe(403);
    }
    // even a correctly signed message from that address is now turned away unprocessed
    expect(await post(base, ATTACKER, true, report('a-1', '攻击者项目'))).toBe(429);
    // a 10 MB body announced and never sent: the answer comes without waiting for it
    const unread = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/webhook/dingtalk`, {
        method: 'POST',
        headers: { ...headers(ATTACKER, true), 'content-length': String(10 * 1024 * 1024) },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(unread).toBe(429);
    expect(await post(base, DINGTALK, true, report('d-1', '正常项目'))).toBe(200);
    expect(c.store.projects().map((p) => p.name)).toEqual(['正常项目']);
    now.ms += 60_000;
    expect(await post(base, ATTACKER, true, report('a-2', '一分钟后的项目'))).toBe(200);
  });

  it('are never the local reverse proxy itself when no proxy is trusted', async () => {
    const { base } = await start(null);
    for (let i = 0; i < REFUSALS_PER_MINUTE + 5; i++) {
      expect(await post(base, ATTACKER, false, report(`f-${i}`, '伪造'))).toBe(403);
    }
    expect(await post(base, DINGTALK, true, report('d-1', '正常项目'))).toBe(200);
  });
});

describe('a request whose client is already gone', () => {
  it('is never counted: with no address left, every such request would share one bucket', () => {
    const gate = new RefusalGate({
      logger: silentLogger,
      sourceOf: sourceAddress(null),
      limitLoopback: false,
    });
    const ghost = () => ({ socket: { remoteAddress: undefined }, headers: {} }) as unknown as IncomingMessage;
    const refused = () => {
      const res = new EventEmitter() as EventEmitter & {
        statusCode: number;
        setHeader(): void;
        writeHead(): void;
        end(): void;
      };
      Object.assign(res, { statusCode: 403, setHeader() {}, writeHead() {}, end() {} });
      return res;
    };
    for (let i = 0; i < REFUSALS_PER_MINUTE + 5; i++) {
      const res = refused();
      expect(gate.admit(ghost(), res as unknown as ServerResponse, true)).toBe(true);
      res.emit('finish');
    }
  });
});

describe('a gate that fails', () => {
  it('answers 500 in short JSON and keeps the server up, since it runs before Express could catch anything', async () => {
    const c = await smallDistrict();
    let calls = 0;
    const lines: string[] = [];
    const app = createApp({
      store: c.store,
      callbacks: dingtalkCallbacks({
        appSecret: SECRET,
        respond: async (m) => c.bot.receive(m),
        replies: new ReplyOutbox({ store: c.store, clock: systemClock, logger: silentLogger }),
        sender: testDingtalkSender(null),
        logger: silentLogger,
      }),
      logger: jsonLogger((l) => lines.push(l)),
      trustProxy: 'loopback',
      // the clock the gate reads once an address has a window: it breaks on its second reading
      now: () => {
        if (calls++ > 0) throw new Error('clock broke');
        return Date.now();
      },
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server?.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await post(base, ATTACKER, false, report('f-1', '伪造'))).toBe(403);
    const res = await fetch(`${base}/webhook/dingtalk`, {
      method: 'POST',
      headers: headers(ATTACKER, true),
      body: '{}',
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal' });
    expect(lines.some((l) => l.includes('"http_failed"') && !l.includes('    at '))).toBe(true);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
