import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import axios from 'axios';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonLogger } from '../../src/core/logger.ts';
import { DeliveryStatus } from '../../src/delivery/delivery-status.ts';
import { ReplyOutbox } from '../../src/delivery/reply-outbox.ts';
import { dingtalkCallbacks } from '../../src/platforms/dingtalk/receiver.ts';
import { dingtalkSign } from '../../src/platforms/dingtalk/sign.ts';
import { aesKeyFrom } from '../../src/platforms/wecom/crypto.ts';
import { wecomCallbacks } from '../../src/platforms/wecom/receiver.ts';
import { WecomWebhookSender } from '../../src/platforms/wecom/webhook-sender.ts';
import { createApp } from '../../src/server/app.ts';
import { ImageShelf } from '../../src/server/image-shelf.ts';
import { systemClock } from '../../src/time/clock.ts';
import { conversation } from '../helpers/conversation.ts';
import { testDingtalkSender } from '../helpers/dingtalk-sender.ts';
import { WECOM_AES_KEY, WECOM_CORP_ID, WECOM_TOKEN } from '../helpers/wecom-client.ts';

const DING_SECRET = 'ding-app-secret-for-error-tests';

interface Hostile {
  name: string;
  headers: Record<string, string>;
  body: Buffer;
}

const HOSTILE: Hostile[] = [
  {
    name: 'an unsupported charset',
    headers: { 'content-type': 'text/plain; charset=utf-7' },
    body: Buffer.from('+AGEAYgBj-'),
  },
  {
    name: 'a gzip bomb (20 MB of zeros)',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(Buffer.alloc(20 * 1024 * 1024)),
  },
  {
    name: 'an unknown content encoding',
    headers: { 'content-type': 'application/json', 'content-encoding': 'x-snappy' },
    body: Buffer.from('{}'),
  },
  {
    name: 'a 200 KB body',
    headers: { 'content-type': 'application/json' },
    body: Buffer.alloc(200 * 1024, 'x'),
  },
  {
    name: 'malformed JSON',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from('{"encrypt":'),
  },
];

const fresh = () => `msg_signature=${'0'.repeat(40)}&timestamp=${Math.floor(Date.now() / 1000)}&nonce=1`;
const ENDPOINTS: Array<{ path: () => string; headers?: () => Record<string, string> }> = [
  { path: () => `/webhook/wecom?${fresh()}` },
  { path: () => `/webhook/wecom-app?${fresh()}` },
  {
    path: () => '/webhook/dingtalk',
    headers: () => {
      const timestamp = String(Date.now());
      return { timestamp, sign: dingtalkSign(timestamp, DING_SECRET) };
    },
  },
  { path: () => '/images/abcdef.png' },
  { path: () => '/healthz' },
  { path: () => '/no/such/path' },
];

function send(base: string, method: string, path: string, headers: Record<string, string>, body?: Buffer) {
  return new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe.each([
  ['unset', undefined],
  ['development', 'development'],
])('every failure answers short JSON with NODE_ENV %s', (_name, nodeEnv) => {
  let server: Server;
  let base: string;
  let lines: string[];
  const original = process.env.NODE_ENV;

  beforeEach(async () => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    lines = [];
    const logger = jsonLogger((l) => lines.push(l));
    const c = await conversation();
    const http = axios.create({ proxy: false });
    const wecom = wecomCallbacks({
      token: WECOM_TOKEN,
      key: aesKeyFrom(WECOM_AES_KEY),
      corpId: WECOM_CORP_ID,
      apiBase: 'http://127.0.0.1:9',
      respond: async (m) => ({ kind: 'answered', reply: c.bot.handle(m) }),
      replies: new ReplyOutbox({ store: c.store, clock: systemClock, logger }),
      sender: new WecomWebhookSender({
        apiBase: 'http://127.0.0.1:9',
        http,
        logger,
        status: new DeliveryStatus(),
      }),
      webhookKeyFor: () => null,
      logger,
    });
    const dingtalk = dingtalkCallbacks({
      appSecret: DING_SECRET,
      respond: async (m) => c.bot.receive(m),
      replies: new ReplyOutbox({ store: c.store, clock: systemClock, logger }),
      sender: testDingtalkSender(null),
      logger,
    });
    const broken = express.Router().get('/broken', () => {
      throw new Error('something inside failed');
    });
    const shelf = new ImageShelf('http://127.0.0.1:9');
    const app = createApp({
      store: c.store,
      callbacks: [...wecom, ...dingtalk],
      routers: [shelf.router(), broken],
      logger,
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    process.env.NODE_ENV = original;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    vi.restoreAllMocks();
  });

  const leaks = (text: string) => {
    expect(text).not.toContain('node_modules');
    expect(text).not.toContain('    at ');
    expect(text.toLowerCase()).not.toContain('<html');
  };

  it('sends no page, stack or path for any hostile body to any endpoint, and logs each failure once', async () => {
    const consoleError = vi.spyOn(console, 'error');
    for (const endpoint of ENDPOINTS) {
      for (const hostile of HOSTILE) {
        const before = lines.length;
        const path = endpoint.path();
        const res = await send(
          base,
          'POST',
          path,
          { ...hostile.headers, ...endpoint.headers?.() },
          hostile.body,
        );
        const what = `${hostile.name} to ${path.split('?')[0]} → ${res.status} ${res.text}`;
        leaks(res.text);
        expect(res.status, what).toBeGreaterThanOrEqual(400);
        expect(res.status, what).toBeLessThan(500);
        if (res.text) expect(JSON.parse(res.text), what).toEqual({ error: expect.any(String) });
        expect(lines.length - before, what).toBe(1);
      }
    }
    for (const line of lines) leaks(line);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('answers unknown paths, bad URLs and thrown errors in JSON too', async () => {
    const consoleError = vi.spyOn(console, 'error');
    const cases = [
      { path: '/no/such/path', status: 404, error: 'not_found' },
      { path: '/images/%E0%A4%A.png', status: 400, error: 'bad_request' },
      { path: '/broken', status: 500, error: 'internal' },
    ];
    for (const c of cases) {
      const before = lines.length;
      const res = await send(base, 'GET', c.path, {});
      leaks(res.text);
      expect(res.status).toBe(c.status);
      expect(res.type).toMatch(/application\/json/);
      expect(JSON.parse(res.text)).toEqual({ error: c.error });
      expect(lines.length - before).toBe(1);
      leaks(lines.at(-1) as string);
    }
    expect((await send(base, 'GET', '/healthz', {})).status).toBe(200);
    expect(consoleError).not.toHaveBeenCalled();
  });
});
