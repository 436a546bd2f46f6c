import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { DINGTALK_TEXT_LIMIT, markdownParts } from '../../../src/platforms/dingtalk/markdown.ts';
import { DingtalkSender } from '../../../src/platforms/dingtalk/sender.ts';
import { fakeDingtalk } from '../../helpers/fake-dingtalk.ts';

const APP_KEY = 'dingappkey';
const APP_SECRET = 'app-secret';
const ROBOT_TOKEN = 'robot-token';
const ROBOT_SECRET = 'SECrobot';
let fake: Awaited<ReturnType<typeof fakeDingtalk>>;
let status: DeliveryStatus;
/** The fake's clock, for tests that move time themselves. */
let fakeNow: () => number = Date.now;

beforeEach(async () => {
  fakeNow = Date.now;
  fake = await fakeDingtalk({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    robots: { [ROBOT_TOKEN]: ROBOT_SECRET },
    now: () => fakeNow(),
  });
  status = new DeliveryStatus();
});
afterEach(async () => {
  await fake.close();
});

function sender(overrides: Partial<ConstructorParameters<typeof DingtalkSender>[0]> = {}) {
  return new DingtalkSender({
    apiBase: fake.base,
    oapiBase: fake.base,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    robotCode: 'dingrobot',
    http: axios.create({ proxy: false }),
    logger: silentLogger,
    status,
    customRobotFor: (id) =>
      id === 'cidCUSTOM==' ? { accessToken: ROBOT_TOKEN, secret: ROBOT_SECRET } : null,
    sleep: async () => {},
    ...overrides,
  });
}

const long: Reply = {
  tone: 'info',
  title: '长通报',
  lines: Array.from(
    { length: 600 },
    (_, i) => `第${i}行：驻粤港澳大湾区招商组 合同额 5.72亿/5.32亿（107.5%）`,
  ),
};

describe('pushing to DingTalk groups', () => {
  it('splits at the size limit on line boundaries and keeps the order', async () => {
    const parts = markdownParts(long);
    expect(parts.length).toBeGreaterThan(1);
    await sender().pushToGroup('cidGROUP01==', parts);
    for (const s of fake.sent) expect(Buffer.byteLength(s.text)).toBeLessThanOrEqual(DINGTALK_TEXT_LIMIT);
    const numbers = fake.sent.flatMap((s) => [...s.text.matchAll(/第(\d+)行/g)].map((m) => Number(m[1])));
    expect(numbers).toEqual(Array.from({ length: 600 }, (_, i) => i));
  });

  it('holds a custom robot that answers 130101 for ten minutes and hands the part back to wait, not to fail', async () => {
    fake.answer(ROBOT_TOKEN, 130101);
    const s = sender();
    const result = await s.pushToGroup(
      'cidCUSTOM==',
      markdownParts({ tone: 'info', title: '通报', lines: ['一行'] }),
    );
    expect(result).toMatchObject({ delivered: 0, failed: 'errcode 130101', retryAfterMs: 600_000 });
    expect(fake.attempts).toHaveLength(1);
    expect(s.capacity({ conversationId: 'cidCUSTOM==' }).waitMs).toBeGreaterThan(590_000);
    expect(status.all()[0]).toMatchObject({ dead: false });
  });

  it('treats 660026 as a throttle: held for a minute, never marked dead', async () => {
    fake.answer(ROBOT_TOKEN, 660026);
    const result = await sender().pushToGroup(
      'cidCUSTOM==',
      markdownParts({ tone: 'info', title: '通报', lines: ['一行'] }),
    );
    expect(result).toMatchObject({ delivered: 0, failed: 'errcode 660026', retryAfterMs: 60_000 });
    expect(status.all()[0]).toMatchObject({ dead: false });
  });

  it('refreshes a token DingTalk answers with HTTP 400 InvalidAuthentication once, delivers, and keeps the group', async () => {
    const s = sender();
    const once = markdownParts({ tone: 'info', title: '第一条', lines: [] });
    expect(await s.pushToGroup('cidGROUP01==', once)).toEqual({ delivered: 1, failed: null });
    fake.revokeTokens();
    const again = markdownParts({ tone: 'info', title: '第二条', lines: [] });
    expect(await s.pushToGroup('cidGROUP01==', again)).toEqual({ delivered: 1, failed: null });
    expect(fake.refused).toEqual(['openapi:token']);
    expect(fake.tokensIssued()).toBe(2);
    expect(fake.sent.map((m) => m.title)).toEqual(['第一条', '第二条']);
    expect(status.all().some((d) => d.dead)).toBe(false);
  });

  it('@-mentions through a custom robot: at.atUserIds and the @id in the text, as DingTalk needs to notify', async () => {
    await sender().pushToGroup('cidCUSTOM==', [
      { title: '提醒', text: '#### 提醒\n\n请报送', atUserIds: ['lisi'] },
    ]);
    expect(fake.sent[0]).toMatchObject({ via: 'custom', atUserIds: ['lisi'] });
    expect(fake.sent[0]?.text).toMatch(/@lisi/);
  });

  it('treats a refused AppKey/AppSecret as permanent and says so', async () => {
    const lines: string[] = [];
    const logger = {
      info: () => {},
      warn: () => {},
      error: (e: string, f?: object) => lines.push(`${e} ${JSON.stringify(f)}`),
    };
    const s = sender({ appSecret: 'wrong-secret', logger });
    const result = await s.pushToGroup(
      'cidGROUP01==',
      markdownParts({ tone: 'info', title: 'x', lines: [] }),
    );
    expect(result.failed).toMatch(/access token/);
    expect(lines.join('\n')).toMatch(/dingtalk_token_refused[\s\S]*AppKey\/AppSecret 无效/);
    expect(lines.join('\n')).not.toContain('wrong-secret');
    expect(status.all()[0]).toMatchObject({ dead: true });
  });

  it('treats a custom robot whose sign does not match as permanent, never logging its token', async () => {
    const lines: string[] = [];
    const logger = {
      info: () => {},
      warn: () => {},
      error: (e: string, f?: object) => lines.push(`${e} ${JSON.stringify(f)}`),
    };
    const s = sender({ logger, customRobotFor: () => ({ accessToken: ROBOT_TOKEN, secret: 'SECwrong' }) });
    const result = await s.pushToGroup('cidX==', markdownParts({ tone: 'info', title: 'x', lines: [] }));
    expect(result.failed).toMatch(/310000/);
    expect(lines.join('\n')).not.toContain(ROBOT_TOKEN);
    expect(JSON.stringify(status.all())).not.toContain(ROBOT_TOKEN);
  });

  it('sends at most 20 a minute to one robot', async () => {
    let clock = 0;
    fakeNow = () => clock;
    const s = sender({
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const at: number[] = [];
    for (let i = 0; i < 30; i++) {
      await s.pushToGroup('cidCUSTOM==', markdownParts({ tone: 'info', title: `第${i}条`, lines: [] }));
      at.push(clock);
    }
    for (let i = 20; i < at.length; i++)
      expect((at[i] as number) - (at[i - 20] as number)).toBeGreaterThanOrEqual(60_000);
    expect(fake.sent).toHaveLength(30);
  });
});
