import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { wecomAppChannel } from '../../../src/platforms/wecom/app-channel.ts';
import { WecomAppSender } from '../../../src/platforms/wecom/app-sender.ts';
import { aesKeyFrom } from '../../../src/platforms/wecom/crypto.ts';
import { wecomCallbacks } from '../../../src/platforms/wecom/receiver.ts';
import { WecomWebhookSender } from '../../../src/platforms/wecom/webhook-sender.ts';
import { createApp } from '../../../src/server/app.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { fakeWecom } from '../../helpers/fake-wecom.ts';
import { listenOnLoopback } from '../../helpers/loopback.ts';
import { replyPipeline, wecomReplyChannel } from '../../helpers/reply-pipeline.ts';
import {
  aiBotMessage,
  openAppReply,
  openPassiveReply,
  WECOM_AES_KEY,
  WECOM_CORP_ID,
  WECOM_TOKEN,
  wecomRequest,
} from '../../helpers/wecom-client.ts';

type Fake = Awaited<ReturnType<typeof fakeWecom>>;

let fake: Fake;
let c: Conversation;
let server: Server;
let base: string;
let status: DeliveryStatus;
let delayMs = 0;
/** When set, the bot answers this instead of what it would say (an answer of a chosen size). */
let answerWith: Reply | null = null;
let pictureDelayMs = 0;
const GROUP = 'wrkGroup01';
const GROUP_KEY = 'group-robot-key-01';

beforeEach(async () => {
  fake = await fakeWecom();
  c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
  status = new DeliveryStatus();
  delayMs = 0;
  answerWith = null;
  pictureDelayMs = 0;
  const http = axios.create({ proxy: false });
  const sender = new WecomWebhookSender({
    apiBase: fake.base,
    http,
    logger: silentLogger,
    status,
    sleep: async () => {},
  });
  const { replies } = replyPipeline(
    c.store,
    [
      wecomReplyChannel({
        sender,
        status,
        webhookKeyFor: (chatId) => (chatId === GROUP ? GROUP_KEY : null),
        http,
        apiBase: fake.base,
      }),
      wecomAppChannel({
        sender: new WecomAppSender({
          apiBase: fake.base,
          corpId: fake.appCredentials.corpid,
          secret: fake.appCredentials.secret,
          agentId: 1000002,
          http,
        }),
      }),
    ],
    { clock: c.clock },
  );
  const router = wecomCallbacks({
    token: WECOM_TOKEN,
    key: aesKeyFrom(WECOM_AES_KEY),
    corpId: WECOM_CORP_ID,
    apiBase: fake.base,
    respond: async (m) => {
      const reply = answerWith ?? c.bot.handle(m);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return { kind: 'answered', reply };
    },
    sender,
    webhookKeyFor: (chatId) => (chatId === GROUP ? GROUP_KEY : null),
    replies,
    logger: silentLogger,
    replyDeadlineMs: 300,
    pictureFor: async (picture) => {
      if (pictureDelayMs) await new Promise((r) => setTimeout(r, pictureDelayMs));
      return Buffer.from(`png:${picture.title}`);
    },
    appCanSend: true,
  });
  ({ server, base } = await listenOnLoopback(createApp({ store: c.store, callbacks: router })));
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fake.close();
});

/** What the n-th response_url post carried (its `markdown.content`, markdown_v2 syntax). */
function responseContent(n: number): string {
  const body = fake.responses[n]?.body as { msgtype: string; markdown?: { content: string } } | undefined;
  expect(body?.msgtype).toBe('markdown');
  return body?.markdown?.content ?? '';
}

async function deliver(
  plaintext: string,
  options: { tamper?: (enc: string) => string; nonce?: string } = {},
) {
  const req = wecomRequest(plaintext, '', { nonce: options.nonce });
  const body = JSON.stringify({ encrypt: options.tamper ? options.tamper(req.encrypted) : req.encrypted });
  const res = await fetch(`${base}/webhook/wecom?${req.query}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
  const text = await res.text();
  return { status: res.status, text, nonce: req.nonce };
}

describe('WeCom AI bot callback through the real Express app', () => {
  it('answers the URL check with the bare plaintext, and refuses a wrong signature', async () => {
    const req = wecomRequest('1616140317555161061');
    const ok = await fetch(`${base}/webhook/wecom?${req.query}&echostr=${encodeURIComponent(req.encrypted)}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1616140317555161061');
    const bad = await fetch(
      `${base}/webhook/wecom?msg_signature=${'0'.repeat(40)}&timestamp=${req.timestamp}&nonce=${req.nonce}&echostr=${encodeURIComponent(req.encrypted)}`,
    );
    expect(bad.status).toBe(403);
    expect(await bad.text()).toBe('');
  });

  it("stores a member's 登记签约 once although WeCom delivers it three times, and replies encrypted", async () => {
    const msg = aiBotMessage({
      msgid: 'CAIQ16HMjQYY-1',
      userid: 'lisi',
      chatid: GROUP,
      content: '@赛马助手 登记签约 年产30万吨再生铝项目 合同额12亿 类型正式合同 日期2023-05-20',
    });
    const first = await deliver(msg, { nonce: '1372623149' });
    expect(first.status).toBe(200);
    const body = JSON.parse(first.text);
    expect(body.nonce).toBe('1372623149');
    const reply = openPassiveReply(body);
    expect(reply).toMatchObject({ msgtype: 'stream', stream: { finish: true } });
    expect(reply.stream.content).toMatch(/已登记签约：P2023-001 年产30万吨再生铝项目/);
    for (let i = 0; i < 2; i++) expect((await deliver(msg)).status).toBe(200);
    expect(c.store.projects()).toHaveLength(1);
    expect(c.store.project('P2023-001')?.signing?.amountWan).toBe(120_000);
  });

  it('changes nothing for a forged or tampered request', async () => {
    const before = c.store.seq;
    const msg = aiBotMessage({
      msgid: 'm-forged',
      userid: 'lisi',
      content: '登记签约 伪造项目 合同额1亿 正式合同',
    });
    const forged = await fetch(`${base}/webhook/wecom?msg_signature=${'a'.repeat(40)}&timestamp=1&nonce=1`, {
      method: 'POST',
      body: JSON.stringify({ encrypt: wecomRequest(msg).encrypted }),
    });
    expect(forged.status).toBe(403);
    const flip = (enc: string) => {
      const b = Buffer.from(enc, 'base64');
      b[40] = (b[40] as number) ^ 0xff;
      return b.toString('base64');
    };
    expect((await deliver(msg, { tamper: flip })).status).toBe(403);
    expect(
      (
        await fetch(
          `${base}/webhook/wecom?msg_signature=x&timestamp=${Math.floor(Date.now() / 1000)}&nonce=1`,
          {
            method: 'POST',
            body: 'not json',
          },
        )
      ).status,
    ).toBe(400);
    expect(c.store.seq).toBe(before);
    expect(c.store.projects()).toHaveLength(0);
  });

  it('tells an unknown userid how to join', async () => {
    const res = await deliver(aiBotMessage({ msgid: 'm-unknown', userid: 'stranger', content: '本月晾晒' }));
    expect(openPassiveReply(JSON.parse(res.text)).stream.content).toMatch(/还不认识您（账号 stranger）/);
  });

  it('finishes a 季度晾晒 stream with the five-colour picture as a msg_item, so a group without a robot key gets it', async () => {
    const res = await deliver(
      aiBotMessage({ msgid: 'm-q', userid: 'lisi', chatid: 'wrkIntranet', content: '@赛马助手 季度晾晒' }),
    );
    const reply = openPassiveReply(JSON.parse(res.text));
    expect(reply.stream).toMatchObject({
      finish: true,
      content: expect.stringMatching(/2023年第2季度晾晒（五色图）/),
    });
    const png = Buffer.from('png:2023年第2季度晾晒 五色图');
    expect(reply.stream.msg_item).toEqual([
      {
        msgtype: 'image',
        image: { base64: png.toString('base64'), md5: createHash('md5').update(png).digest('hex') },
      },
    ]);
    expect(fake.attempts).toHaveLength(0);
  });

  it('sends the picture to the group robot instead when it is not drawn before WeCom stops waiting', async () => {
    pictureDelayMs = 1_600;
    const res = await deliver(
      aiBotMessage({ msgid: 'm-q2', userid: 'lisi', chatid: GROUP, content: '@赛马助手 季度晾晒' }),
    );
    expect(openPassiveReply(JSON.parse(res.text)).stream.msg_item).toBeUndefined();
    await expect.poll(() => fake.pushes.length, { timeout: 5000 }).toBe(1);
    expect(fake.pushes[0]).toMatchObject({ key: GROUP_KEY, body: { msgtype: 'image' } });
    expect(Buffer.from(fake.pushes[0]?.body.image?.base64 ?? '', 'base64').toString()).toBe(
      'png:2023年第2季度晾晒 五色图',
    );
  });

  it('answers in markdown_v2: colours as marks and the right form as a quote, never a <font> tag', async () => {
    const refusal = await deliver(
      aiBotMessage({
        msgid: 'm-v2a',
        userid: 'lisi',
        chatid: GROUP,
        content: '@赛马助手 登记签约 再生铝项目 合同额12亿 类型正式合同 日期2099-01-01',
      }),
    );
    const ranking = await deliver(
      aiBotMessage({ msgid: 'm-v2b', userid: 'lisi', chatid: GROUP, content: '@赛马助手 季度晾晒' }),
    );
    const refused = openPassiveReply(JSON.parse(refusal.text)).stream.content;
    const ranked = openPassiveReply(JSON.parse(ranking.text)).stream.content;
    expect(refused).toMatch(/^> 正确格式：/m);
    for (const content of [refused, ranked]) {
      expect(content).not.toMatch(/<font|<\/font>|<@/);
    }
  });

  it('binds the group by its chatid', async () => {
    await c.say('添加成员 管理员甲 账号boss 角色管理员');
    const res = await deliver(
      aiBotMessage({ msgid: 'm-bind', userid: 'boss', chatid: GROUP, content: '@赛马助手 绑定本群 全区' }),
    );
    expect(openPassiveReply(JSON.parse(res.text)).stream.content).toMatch(/本群已绑定：全区/);
    expect(c.store.binding('wecom', GROUP)?.scope).toEqual({ kind: 'district' });
  });

  it('acks a slow answer within the deadline and sends it once through response_url', async () => {
    delayMs = 800;
    const msg = aiBotMessage({
      msgid: 'm-slow',
      userid: 'lisi',
      content: '登记签约 慢项目 合同额1亿 正式合同 日期2023-06-01',
      responseUrl: `${fake.base}/cgi-bin/aibot/response?response_code=RC1`,
    });
    const res = await deliver(msg);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    // WeCom had its 200 before the answer was ready
    expect(fake.responses).toHaveLength(0);
    const retry = await deliver(msg); // WeCom retries while we are still working
    expect(retry).toMatchObject({ status: 200, text: '' });
    await expect.poll(() => fake.responses.length, { timeout: 5000 }).toBe(1);
    expect(fake.responses[0]).toMatchObject({ code: 'RC1', body: { msgtype: 'markdown' } });
    expect(JSON.stringify(fake.responses[0]?.body)).toMatch(/已登记签约/);
    expect(c.store.projects()).toHaveLength(1);
  });

  it('refuses a response_url that does not belong to the configured WeCom host', async () => {
    delayMs = 600;
    await deliver(
      aiBotMessage({
        msgid: 'm-ssrf',
        userid: 'lisi',
        content: '帮助',
        responseUrl: 'http://127.0.0.2:1/steal',
      }),
    );
    await new Promise((r) => setTimeout(r, 800));
    expect(fake.responses).toHaveLength(0);
  });

  it('sends a slow 50-project list whole through response_url, not cut at 4,096 bytes', async () => {
    for (let i = 0; i < 60; i++)
      await c.say(
        `登记签约 第${i}个很长很长名字的招商引资项目 合同额1亿 正式合同 单位工业园区管委会 日期2023-06-01`,
      );
    delayMs = 600;
    await deliver(
      aiBotMessage({
        msgid: 'm-long',
        userid: 'zhangsan',
        chatid: GROUP,
        content: '签约未开工',
        responseUrl: `${fake.base}/cgi-bin/aibot/response?response_code=RC2`,
      }),
    );
    await expect.poll(() => fake.responses.length, { timeout: 5000 }).toBe(1);
    const whole = responseContent(0);
    expect(Buffer.byteLength(whole)).toBeGreaterThan(4096);
    expect(whole).toMatch(/项目调度清单/);
    const order = [...whole.matchAll(/第(\d+)个很长/g)].map((m) => Number(m[1]));
    expect(order.length).toBe(50);
    expect(fake.attempts).toHaveLength(0);
  });

  it('sends 20,480 bytes of a long slow answer through response_url and only the rest to the group robot', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `第${i}行：${'招商引资项目进展情况说明'.repeat(3)}`);
    answerWith = { tone: 'info', title: '很长的回答', lines };
    delayMs = 600;
    await deliver(
      aiBotMessage({
        msgid: 'm-30k',
        userid: 'zhangsan',
        chatid: GROUP,
        content: '签约未开工',
        responseUrl: `${fake.base}/cgi-bin/aibot/response?response_code=RC4`,
      }),
    );
    await expect.poll(() => fake.pushes.length, { timeout: 5000 }).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    const first = responseContent(0);
    expect(Buffer.byteLength(first)).toBeGreaterThan(15_000);
    expect(Buffer.byteLength(first)).toBeLessThanOrEqual(20_480);
    expect(fake.pushes.every((p) => p.key === GROUP_KEY && p.body.msgtype === 'markdown_v2')).toBe(true);
    const rest = fake.pushes.map((p) => p.body.markdown_v2?.content ?? '');
    for (const part of rest) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(4096);
    const order = [...[first, ...rest].join('\n').matchAll(/第(\d+)行/g)].map((m) => Number(m[1]));
    expect(order).toEqual(lines.map((_, i) => i));
  });

  it('answers through the group robot when response_url refuses with an errcode', async () => {
    fake.answer('response:RC5', 40008);
    delayMs = 600;
    await deliver(
      aiBotMessage({
        msgid: 'm-refused',
        userid: 'lisi',
        chatid: GROUP,
        content: '登记签约 拒收项目 合同额1亿 正式合同 日期2023-06-01',
        responseUrl: `${fake.base}/cgi-bin/aibot/response?response_code=RC5`,
      }),
    );
    await expect.poll(() => fake.pushes.length, { timeout: 5000 }).toBe(1);
    expect(fake.responses).toHaveLength(0);
    expect(fake.pushes[0]).toMatchObject({ key: GROUP_KEY, body: { msgtype: 'markdown_v2' } });
    expect(fake.pushes[0]?.body.markdown_v2?.content).toMatch(/已登记签约/);
  });

  it('cuts a refused 20,480-byte response_url part for the group robot, nothing lost and in order', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `第${i}行：${'招商引资项目进展情况说明'.repeat(3)}`);
    answerWith = { tone: 'info', title: '很长的回答', lines };
    fake.answer('response:RC7', 93000);
    delayMs = 600;
    await deliver(
      aiBotMessage({
        msgid: 'm-30k-refused',
        userid: 'zhangsan',
        chatid: GROUP,
        content: '签约未开工',
        responseUrl: `${fake.base}/cgi-bin/aibot/response?response_code=RC7`,
      }),
    );
    const numbers = () =>
      [
        ...fake.pushes
          .map((p) => p.body.markdown_v2?.content ?? '')
          .join('\n')
          .matchAll(/第(\d+)行/g),
      ].map((m) => Number(m[1]));
    await expect.poll(() => numbers().length, { timeout: 5000 }).toBe(300);
    expect(numbers()).toEqual(lines.map((_, i) => i));
    expect(fake.responses).toHaveLength(0);
    for (const p of fake.pushes)
      expect(Buffer.byteLength(p.body.markdown_v2?.content ?? '')).toBeLessThanOrEqual(4096);
  });

  it('does not take a 200 without errcode (a proxy page) for a delivery: the group robot answers', async () => {
    fake.pageFor('RC6');
    delayMs = 600;
    await deliver(
      aiBotMessage({
        msgid: 'm-page',
        userid: 'lisi',
        chatid: GROUP,
        content: '登记签约 网关项目 合同额1亿 正式合同 日期2023-06-01',
        responseUrl: `${fake.base}/cgi-bin/aibot/response?response_code=RC6`,
      }),
    );
    await expect.poll(() => fake.pushes.length, { timeout: 5000 }).toBe(1);
    expect(fake.pushes[0]?.body.markdown_v2?.content).toMatch(/已登记签约/);
  });
});

describe('WeCom self-built app callback (XML)', () => {
  it('checks the URL with the corpid and answers a leader privately in encrypted XML', async () => {
    const echo = wecomRequest('1288432023552776189', WECOM_CORP_ID);
    const ok = await fetch(
      `${base}/webhook/wecom-app?${echo.query}&echostr=${encodeURIComponent(echo.encrypted)}`,
    );
    expect(await ok.text()).toBe('1288432023552776189');
    const inner = `<xml><ToUserName><![CDATA[${WECOM_CORP_ID}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1409659813</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[全区进度]]></Content><MsgId>4561255354251345929</MsgId><AgentID>218</AgentID></xml>`;
    const req = wecomRequest(inner, WECOM_CORP_ID);
    const res = await fetch(`${base}/webhook/wecom-app?${req.query}`, {
      method: 'POST',
      body: `<xml><ToUserName><![CDATA[${WECOM_CORP_ID}]]></ToUserName><AgentID><![CDATA[218]]></AgentID><Encrypt><![CDATA[${req.encrypted}]]></Encrypt></xml>`,
    });
    expect(res.status).toBe(200);
    const plain = openAppReply(await res.text());
    expect(plain).toMatch(/<ToUserName><!\[CDATA\[zhangsan\]\]><\/ToUserName>/);
    expect(plain).toMatch(/全区进度/);
  });

  async function askApp(msgId: string, text: string) {
    const inner = `<xml><ToUserName><![CDATA[${WECOM_CORP_ID}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1409659813</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
    const req = wecomRequest(inner, WECOM_CORP_ID);
    const res = await fetch(`${base}/webhook/wecom-app?${req.query}`, {
      method: 'POST',
      body: `<xml><ToUserName><![CDATA[${WECOM_CORP_ID}]]></ToUserName><Encrypt><![CDATA[${req.encrypted}]]></Encrypt></xml>`,
    });
    return { status: res.status, text: await res.text() };
  }

  it('sends a late answer through message/send with one cached token, fetched again once on 42001', async () => {
    delayMs = 600;
    expect(await askApp('4561255354251345001', '全区进度')).toEqual({ status: 200, text: '' });
    await expect.poll(() => fake.appMessages.length, { timeout: 5000 }).toBe(1);
    expect(fake.appMessages[0]).toMatchObject({
      token: 'token-1',
      body: { touser: 'zhangsan', msgtype: 'text', agentid: 1000002 },
    });
    expect(fake.appMessages[0]?.body.text?.content).toMatch(/全区进度/);

    await askApp('4561255354251345002', '全区进度');
    await expect.poll(() => fake.appMessages.length, { timeout: 5000 }).toBe(2);
    expect(fake.tokensIssued).toEqual(['token-1']);

    fake.answer('app', 42001); // the token expired on WeCom's side before ours said so
    await askApp('4561255354251345003', '全区进度');
    await expect.poll(() => fake.appMessages.length, { timeout: 5000 }).toBe(3);
    expect(fake.tokensIssued).toEqual(['token-1', 'token-2']);
    expect(fake.appMessages[2]?.token).toBe('token-2');
  });

  it('answers a long question in time with the first 2,048 bytes and the rest through message/send', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `第${i}行：${'招商引资项目进展'.repeat(3)}`);
    answerWith = { tone: 'info', title: '很长的回答', lines };
    const res = await askApp('4561255354251345010', '全区进度');
    const passive = /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(openAppReply(res.text))?.[1] ?? '';
    expect(passive).not.toMatch(/未显示完/);
    const sentTexts = () => fake.appMessages.map((m) => m.body.text?.content ?? '');
    // the rest goes out as several messages, one after another: wait for the last line, not the first message
    await expect.poll(() => sentTexts().join('\n'), { timeout: 10_000 }).toMatch(/第99行/);
    const sent = sentTexts();
    for (const text of [passive, ...sent]) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
    const order = [...[passive, ...sent].join('\n').matchAll(/第(\d+)行/g)].map((m) => Number(m[1]));
    expect(order).toEqual(lines.map((_, i) => i));
  });

  it('refuses an app message encrypted for another corp', async () => {
    const req = wecomRequest('<xml><MsgType>text</MsgType></xml>', 'wx-other-corp');
    const res = await fetch(`${base}/webhook/wecom-app?${req.query}`, {
      method: 'POST',
      body: `<xml><Encrypt><![CDATA[${req.encrypted}]]></Encrypt></xml>`,
    });
    expect(res.status).toBe(400);
  });
});
