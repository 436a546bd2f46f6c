import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomAppSender } from '../../../src/platforms/wecom/app-sender.ts';
import { fakeWecom } from '../../helpers/fake-wecom.ts';

let fake: Awaited<ReturnType<typeof fakeWecom>>;
let now = Date.parse('2026-06-01T09:00:00+08:00');

function sender(secret = fake.appCredentials.secret) {
  return new WecomAppSender({
    apiBase: fake.base,
    corpId: fake.appCredentials.corpid,
    secret,
    agentId: 1000002,
    http: axios.create({ proxy: false }),
    now: () => now,
  });
}

beforeEach(async () => {
  fake = await fakeWecom();
});
afterEach(async () => {
  await fake.close();
});

describe("the self-built app's message-send API", () => {
  it('keeps one token until shortly before WeCom says it expires, then fetches the next', async () => {
    const s = sender();
    expect(await s.sendText('zhangsan', '第一条')).toEqual({ ok: true });
    now += 60 * 60_000;
    expect(await s.sendText('zhangsan', '第二条')).toEqual({ ok: true });
    expect(fake.tokensIssued).toEqual(['token-1']);
    now += 60 * 60_000; // 7,200 s after it was issued
    expect(await s.sendText('zhangsan', '第三条')).toEqual({ ok: true });
    expect(fake.tokensIssued).toEqual(['token-1', 'token-2']);
    expect(fake.appMessages.map((m) => m.token)).toEqual(['token-1', 'token-1', 'token-2']);
  });

  it('fetches a new token only once when WeCom keeps calling it stale, and fails without a loop', async () => {
    fake.answer('app', 42001, 40014);
    const outcome = await sender().sendText('zhangsan', '一条');
    expect(outcome).toMatchObject({ ok: false, error: 'message/send errcode 40014', permanent: true });
    expect(fake.tokensIssued).toHaveLength(2);
  });

  it('retries later when WeCom is busy, and gives up for good on a wrong secret without naming it', async () => {
    fake.answer('app', -1);
    expect(await sender().sendText('zhangsan', '一条')).toMatchObject({ ok: false, permanent: false });
    const refused = await sender('wrong-secret-value').sendText('zhangsan', '一条');
    expect(refused).toMatchObject({ ok: false, error: 'gettoken errcode 40001', permanent: true });
    expect(JSON.stringify(refused)).not.toContain('wrong-secret-value');
  });
});
