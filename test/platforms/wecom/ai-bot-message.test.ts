import type { Server } from 'node:http';
import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { aiBotMessageSchema, decodeAiBotMessage } from '../../../src/platforms/wecom/ai-bot-message.ts';
import { aesKeyFrom } from '../../../src/platforms/wecom/crypto.ts';
import { wecomCallbacks } from '../../../src/platforms/wecom/receiver.ts';
import { WecomWebhookSender } from '../../../src/platforms/wecom/webhook-sender.ts';
import { createApp } from '../../../src/server/app.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { fakeWecom } from '../../helpers/fake-wecom.ts';
import { listenOnLoopback } from '../../helpers/loopback.ts';
import { replyPipeline, wecomReplyChannel } from '../../helpers/reply-pipeline.ts';
import {
  openAppReply,
  openPassiveReply,
  WECOM_AES_KEY,
  WECOM_CORP_ID,
  WECOM_TOKEN,
  wecomRequest,
} from '../../helpers/wecom-client.ts';

// Payloads shaped as https://developer.work.weixin.qq.com/document/path/100719 shows them.
const GROUP = 'wrkGroup01';
const envelope = (msgid: string, userid: string, chatid?: string) => ({
  msgid,
  aibotid: 'AIBOTID',
  ...(chatid ? { chatid, chattype: 'group' } : { chattype: 'single' }),
  from: { userid },
  response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=X',
});
const voice = (msgid: string, userid: string, transcript: string) => ({
  ...envelope(msgid, userid),
  msgtype: 'voice',
  voice: { content: transcript },
});
const mixed = (msgid: string, userid: string, text: string | null) => ({
  ...envelope(msgid, userid, GROUP),
  msgtype: 'mixed',
  mixed: {
    msg_item: [
      ...(text === null ? [] : [{ msgtype: 'text', text: { content: text } }]),
      {
        msgtype: 'image',
        image: { url: 'https://ww-aibot-img-1258476243.cos.ap-guangzhou.myqcloud.com/IMG' },
      },
    ],
  },
});
const image = (msgid: string, userid: string) => ({
  ...envelope(msgid, userid),
  msgtype: 'image',
  image: { url: 'https://ww-aibot-img-1258476243.cos.ap-guangzhou.myqcloud.com/IMG' },
});
const file = (msgid: string, userid: string) => ({
  ...envelope(msgid, userid),
  msgtype: 'file',
  file: { url: 'https://ww-aibot-img-1258476243.cos.ap-guangzhou.myqcloud.com/FILE' },
});
const quotedReply = (msgid: string, userid: string, content: string, quoted: string) => ({
  ...envelope(msgid, userid, GROUP),
  msgtype: 'text',
  text: { content },
  quote: { msgtype: 'text', text: { content: quoted } },
});

let fake: Awaited<ReturnType<typeof fakeWecom>>;
let c: Conversation;
let server: Server;
let base: string;

beforeEach(async () => {
  fake = await fakeWecom();
  c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
  const status = new DeliveryStatus();
  const http = axios.create({ proxy: false });
  const sender = new WecomWebhookSender({
    apiBase: fake.base,
    http,
    logger: silentLogger,
    status,
    sleep: async () => {},
  });
  const webhookKeyFor = () => null;
  const { replies } = replyPipeline(
    c.store,
    [wecomReplyChannel({ sender, status, webhookKeyFor, http, apiBase: fake.base })],
    { clock: c.clock },
  );
  const router = wecomCallbacks({
    token: WECOM_TOKEN,
    key: aesKeyFrom(WECOM_AES_KEY),
    corpId: WECOM_CORP_ID,
    apiBase: fake.base,
    respond: async (m) => ({ kind: 'answered', reply: c.bot.handle(m) }),
    sender,
    webhookKeyFor,
    replies,
    logger: silentLogger,
  });
  ({ server, base } = await listenOnLoopback(createApp({ store: c.store, callbacks: router })));
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fake.close();
});

/** Sends one AI-bot callback as WeCom does and returns the text of the bot's stream answer. */
async function send(payload: object): Promise<string> {
  const req = wecomRequest(JSON.stringify(payload));
  const res = await fetch(`${base}/webhook/wecom?${req.query}`, {
    method: 'POST',
    body: JSON.stringify({ encrypt: req.encrypted }),
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return text ? openPassiveReply(JSON.parse(text)).stream.content : '';
}

/** Sends one self-built app callback (XML) and returns the bot's plain-text answer. */
async function sendApp(inner: string): Promise<string> {
  const req = wecomRequest(inner, WECOM_CORP_ID);
  const res = await fetch(`${base}/webhook/wecom-app?${req.query}`, {
    method: 'POST',
    body: `<xml><ToUserName><![CDATA[${WECOM_CORP_ID}]]></ToUserName><AgentID><![CDATA[218]]></AgentID><Encrypt><![CDATA[${req.encrypted}]]></Encrypt></xml>`,
  });
  expect(res.status).toBe(200);
  const xml = await res.text();
  return xml ? openAppReply(xml) : '';
}

describe('WeCom AI bot: every message kind a member sends gets an answer', () => {
  it('stores a 登记签约 spoken as a voice message and shows what was heard', async () => {
    const transcript = '登记签约 年产30万吨再生铝项目 合同额12亿 类型正式合同 日期2023-05-20';
    const answer = await send(voice('v-1', 'lisi', transcript));
    expect(answer).toMatch(/已登记签约：P2023-001 年产30万吨再生铝项目/);
    expect(answer).toContain('（语音识别）');
    expect(answer).toContain(`识别为：「${transcript}」`);
    expect(c.store.project('P2023-001')?.signing?.amountWan).toBe(120_000);
  });

  it('says so when a voice message has no transcript, and writes nothing', async () => {
    const before = c.store.seq;
    expect(await send(voice('v-2', 'lisi', ''))).toMatch(/（语音识别）没有识别出文字/);
    expect(c.store.seq).toBe(before);
  });

  it('reads a group @ with text and a screenshot by its text', async () => {
    const answer = await send(
      mixed('mx-1', 'lisi', '@赛马助手 登记签约 光伏组件项目 合同额5亿 类型正式合同 日期2023-06-01'),
    );
    expect(answer).toMatch(/已登记签约：P2023-001 光伏组件项目/);
    expect(c.store.projects()).toHaveLength(1);
  });

  it('answers a picture alone, a screenshot without words and a file with what the bot can do, writing nothing', async () => {
    const before = c.store.seq;
    expect(await send(image('img-1', 'lisi'))).toMatch(/收到一张图片。机器人只读文字和语音里的文字/);
    expect(await send(mixed('mx-2', 'lisi', null))).toMatch(/收到一张图片/);
    expect(await send(file('f-1', 'lisi'))).toMatch(/收到一个文件。.*没有登记任何内容/);
    expect(c.store.seq).toBe(before);
  });

  it('still tells a stranger who sends a picture how to join', async () => {
    expect(await send(image('img-2', 'stranger'))).toMatch(/还不认识您（账号 stranger）/);
  });

  it("answers 「这个项目进展如何」 in a reply quoting a project card with that project's card", async () => {
    await c.say('登记签约 年产30万吨再生铝项目 合同额12亿 类型正式合同 单位工业园区管委会 日期2023-05-20');
    await c.say('登记签约 光伏组件项目 合同额5亿 类型正式合同 单位工业园区管委会 日期2023-06-01');
    const card = await c.say('查询 P2023-002');
    const answer = await send(quotedReply('q-1', 'lisi', '@赛马助手 这个项目进展如何', card));
    expect(answer).toMatch(/P2023-002/);
    expect(answer).toMatch(/光伏组件项目/);
    expect(answer).not.toMatch(/再生铝/);
  });
});

describe('WeCom AI bot message decoding', () => {
  it('keeps the quoted text and the kind, and ignores stream refreshes', () => {
    const decoded = decodeAiBotMessage(
      aiBotMessageSchema.parse(quotedReply('q-2', 'lisi', '该项目进展', '已登记签约：P2023-004 某项目')),
    );
    expect(decoded).toMatchObject({ text: '该项目进展', quote: '已登记签约：P2023-004 某项目' });
    expect(decodeAiBotMessage(aiBotMessageSchema.parse(voice('v-3', 'lisi', '本月晾晒')))).toMatchObject({
      kind: 'voice',
      text: '本月晾晒',
    });
    const refresh = { ...envelope('s-1', 'lisi'), msgtype: 'stream', stream: { id: 'STREAMID' } };
    expect(decodeAiBotMessage(aiBotMessageSchema.parse(refresh))).toBeNull();
  });
});

describe('WeCom self-built app: voice, image and file', () => {
  const xml = (msgType: string, extra: string, msgId: string) =>
    `<xml><ToUserName><![CDATA[${WECOM_CORP_ID}]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName><CreateTime>1357290913</CreateTime><MsgType><![CDATA[${msgType}]]></MsgType>${extra}<MsgId>${msgId}</MsgId><AgentID>1</AgentID></xml>`;

  it('reads a voice message by its Recognition and shows what was heard', async () => {
    const transcript = '登记签约 新材料项目 合同额3亿 类型正式合同 日期2023-06-02';
    const answer = await sendApp(
      xml(
        'voice',
        `<MediaId><![CDATA[media_id]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[${transcript}]]></Recognition>`,
        '1234567890123456',
      ),
    );
    expect(answer).toMatch(/已登记签约：P2023-001 新材料项目/);
    expect(answer).toContain(`（语音识别）识别为：「${transcript}」`);
  });

  it('answers an image or a file with what the bot can do, writing nothing', async () => {
    const before = c.store.seq;
    const picture = await sendApp(
      xml(
        'image',
        '<PicUrl><![CDATA[https://p.qpic.cn/x]]></PicUrl><MediaId><![CDATA[media_id]]></MediaId>',
        '11',
      ),
    );
    expect(picture).toMatch(/收到一张图片/);
    expect(await sendApp(xml('file', '<MediaId><![CDATA[media_id]]></MediaId>', '12'))).toMatch(
      /收到一个文件/,
    );
    expect(c.store.seq).toBe(before);
  });
});
