import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../src/core/logger.ts';
import {
  type LongConnection,
  reconnectDelayMs,
  startLongConnection,
} from '../../../src/platforms/wecom/long-connection.ts';
import { fakeWecomLongconn, longconnMessage } from '../../helpers/fake-wecom-longconn.ts';

const BOT_ID = 'aibAbCdEf0123456789';
const SECRET = 'longconn-secret-never-printed-7f3a';

let server: Awaited<ReturnType<typeof fakeWecomLongconn>>;
let connection: LongConnection | null = null;
const printed: string[] = [];

const logger: Logger = {
  info: (e, f) => printed.push(`${e} ${JSON.stringify(f)}`),
  warn: (e, f) => printed.push(`${e} ${JSON.stringify(f)}`),
  error: (e, f) => printed.push(`${e} ${JSON.stringify(f)}`),
};
const logged = (event: string) => printed.filter((line) => line.startsWith(`${event} `));

beforeEach(async () => {
  printed.length = 0;
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
  }
  server = await fakeWecomLongconn({ botId: BOT_ID, secret: SECRET });
});

afterEach(async () => {
  connection?.close();
  connection = null;
  await server.close();
  vi.restoreAllMocks();
});

describe('the long connection itself', () => {
  const open = (over: Partial<Parameters<typeof startLongConnection>[0]> = {}) =>
    startLongConnection({
      url: server.url,
      botId: BOT_ID,
      secret: SECRET,
      logger,
      // answers every message with its msgid, as the handler would with the bot's reply
      onMessage: async (body, answer) => answer(`收到 ${(body as { msgid: string }).msgid}`),
      ...over,
    });

  it('reconnects after WeCom drops the connection, subscribes again and keeps answering', async () => {
    connection = open();
    await expect.poll(() => server.subscribed()).toBe(1);
    expect(connection.authenticated()).toBe(true);
    server.drop();
    await expect.poll(() => server.subscribes.length, { timeout: 5_000 }).toBe(2);
    await expect.poll(() => server.subscribed()).toBe(1);
    server.push('req-after', longconnMessage({ msgid: 'after-1', userid: 'lisi', content: '帮助' }));
    await expect.poll(() => server.replies.length).toBe(1);
    expect(server.replyContent(0)).toBe('收到 after-1');
    expect(logged('wecom_longconn_retry')).toHaveLength(1);
  });

  it('stops reconnecting when WeCom says another connection took this bot over', async () => {
    connection = open();
    await expect.poll(() => server.subscribed()).toBe(1);
    server.event('evt-1', 'disconnected_event');
    await expect.poll(() => logged('wecom_longconn_replaced')).toHaveLength(1);
    await expect.poll(() => server.subscribed()).toBe(0);
    expect(logged('wecom_longconn_retry')).toHaveLength(0);
    expect(connection.authenticated()).toBe(false);
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

  it('backs off while the socket is refused outright, one connection attempt per wait', async () => {
    await server.close();
    connection = open({ backoff: { firstMs: 20, maxMs: 80 }, random: () => 1 });
    await expect.poll(() => logged('wecom_longconn_retry').length).toBeGreaterThanOrEqual(5);
    connection.close();
    const waits = logged('wecom_longconn_retry').map(
      (line) => JSON.parse(line.slice(line.indexOf('{'))).inMs,
    );
    expect(waits.slice(0, 5)).toEqual([20, 40, 80, 80, 80]);
    const refused = logged('wecom_longconn_error').filter((line) => line.includes('ECONNREFUSED'));
    expect(refused.length).toBeGreaterThanOrEqual(waits.length - 1);
    expect(refused.length).toBeLessThanOrEqual(waits.length + 1);
    server = await fakeWecomLongconn({ botId: BOT_ID, secret: SECRET });
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
