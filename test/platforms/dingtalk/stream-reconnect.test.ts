import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import {
  reconnectDelay,
  type StreamConnection,
  startStream,
} from '../../../src/platforms/dingtalk/stream.ts';
import { fakeDingtalk } from '../../helpers/fake-dingtalk.ts';

const APP_KEY = 'dingstreamkey';
const APP_SECRET = 'stream-secret-never-printed';

let fake: Awaited<ReturnType<typeof fakeDingtalk>>;
let connection: StreamConnection | null = null;

beforeEach(async () => {
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation(() => {});
  }
  fake = await fakeDingtalk({ appKey: APP_KEY, appSecret: APP_SECRET, robots: {} });
});

afterEach(async () => {
  connection?.close();
  connection = null;
  vi.useRealTimers();
  await fake.close();
  vi.restoreAllMocks();
});

/** Lets the real network finish the attempt in flight, while the fake clock stands still. */
async function attemptFinished(c: StreamConnection) {
  await new Promise((r) => setImmediate(r));
  for (let i = 0; i < 10_000 && c.state() === 'connecting'; i++) await new Promise((r) => setImmediate(r));
}

/** A Stream client on the fake gateway whose waits carry no jitter, so the backoff is exact. */
const streamWithoutJitter = () =>
  startStream({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    apiBase: fake.base,
    http: axios.create({ proxy: false }),
    logger: silentLogger,
    handle: async () => {},
    random: () => 0,
  });

describe('DingTalk Stream reconnects in one loop that backs off', () => {
  it('calls the gateway at 0, 1, 3, 7, 15, 31, 63, 123 and 183 s when every socket is refused, never in bursts', async () => {
    fake.refuseSockets();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const start = Date.now();
    const c = streamWithoutJitter();
    connection = c;
    while (Date.now() - start < 180_000) {
      await attemptFinished(c);
      await vi.advanceTimersToNextTimerAsync();
    }
    await attemptFinished(c);
    const seconds = fake.gatewayCallTimes.map((t) => (t - start) / 1000);
    expect(seconds).toEqual([0, 1, 3, 7, 15, 31, 63, 123, 183]);
    expect(fake.connected()).toBe(0);
  });

  it('waits 1 s first, doubles each time, never more than a minute, and jitters only downwards', () => {
    expect([0, 1, 2, 5, 6, 7, 40].map((n) => reconnectDelay(n, () => 0))).toEqual([
      1_000, 2_000, 4_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    expect(reconnectDelay(6, () => 1)).toBe(48_000);
  });

  it('connects once the socket is accepted again, after the backoff', async () => {
    fake.refuseSockets();
    const c = streamWithoutJitter();
    connection = c;
    await expect.poll(() => fake.gatewayCalls()).toBe(1);
    fake.refuseSockets(false);
    await expect.poll(() => fake.connected(), { timeout: 5_000 }).toBe(1);
    await expect.poll(() => c.state()).toBe('connected');
    expect(fake.gatewayCalls()).toBe(2);
  });
});
