import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { dingtalkCallbacks } from '../../../src/platforms/dingtalk/receiver.ts';
import { decodeRobotMessage, robotMessageSchema } from '../../../src/platforms/dingtalk/robot-message.ts';
import { dingtalkSign } from '../../../src/platforms/dingtalk/sign.ts';
import { createApp } from '../../../src/server/app.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { testDingtalkSender } from '../../helpers/dingtalk-sender.ts';
import { fakeDingtalk, robotMessage } from '../../helpers/fake-dingtalk.ts';
import { listenOnLoopback } from '../../helpers/loopback.ts';
import { dingtalkReplyChannel, replyPipeline } from '../../helpers/reply-pipeline.ts';

const APP_KEY = 'dingappkey';
const APP_SECRET = 'Zq3vN8xT1bYk5GmR0pLwE7sH2cJ9aUfD4iOeV6nQyXtBzKgMhWj_-AbCdEfGhIjK';

let fake: Awaited<ReturnType<typeof fakeDingtalk>>;
let c: Conversation;
let server: Server;
let base: string;

beforeEach(async () => {
  fake = await fakeDingtalk({ appKey: APP_KEY, appSecret: APP_SECRET, robots: {} });
  c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
  const status = new DeliveryStatus();
  const sender = testDingtalkSender({ base: fake.base, appKey: APP_KEY, appSecret: APP_SECRET }, { status });
  const { replies } = replyPipeline(c.store, [dingtalkReplyChannel(sender, status)], { clock: c.clock });
  const router = dingtalkCallbacks({
    respond: async (m) => (c.bot.alreadyHandled(m) ? null : c.bot.receive(m)),
    sender,
    replies,
    logger: silentLogger,
    appSecret: APP_SECRET,
  });
  ({ server, base } = await listenOnLoopback(createApp({ store: c.store, callbacks: router })));
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fake.close();
});

/**
 * A robot callback of another kind, shaped as DingTalk sends it (the fields of
 * https://open.dingtalk.com/document/orgapp/receive-message and the dingtalk-stream SDKs'
 * ChatbotMessage): the kind's payload is in `content`, not `text`.
 */
function kindMessage(msgId: string, msgtype: string, content: object, staffId: string | null = 'lisi') {
  const {
    text: _text,
    senderStaffId: _staff,
    ...rest
  } = robotMessage({
    msgId,
    staffId: 'unused',
    content: '',
    sessionWebhook: `${fake.base}/robot/sendBySession?session=s1`,
  });
  return { ...rest, ...(staffId ? { senderStaffId: staffId } : {}), msgtype, content };
}

/** Posts one signed callback and returns the text of the one answer sent back. */
async function send(body: object): Promise<string> {
  const timestamp = String(Date.now());
  const before = fake.sent.length;
  const res = await fetch(`${base}/webhook/dingtalk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', timestamp, sign: dingtalkSign(timestamp, APP_SECRET) },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  await expect.poll(() => fake.sent.length).toBe(before + 1);
  return fake.sent.at(-1)?.text ?? '';
}

describe('DingTalk: every message kind a member sends gets an answer', () => {
  it('stores a 登记签约 sent as audio by its recognition and shows what was heard', async () => {
    const transcript = '登记签约 年产30万吨再生铝项目 合同额12亿 类型正式合同 日期2023-05-20';
    const answer = await send(
      kindMessage('au-1', 'audio', { duration: 4000, downloadCode: 'dlc-audio', recognition: transcript }),
    );
    expect(answer).toMatch(/已登记签约：P2023-001 年产30万吨再生铝项目/);
    expect(answer).toContain('（语音识别）');
    expect(answer).toContain(`识别为：「${transcript}」`);
    expect(c.store.project('P2023-001')?.signing?.amountWan).toBe(120_000);
  });

  it('reads a rich-text message by its text items', async () => {
    const answer = await send(
      kindMessage('rt-1', 'richText', {
        richText: [
          { text: '登记签约 光伏组件项目 合同额5亿' },
          { pictureDownloadCode: 'pdc', downloadCode: 'dlc-pic', type: 'picture' },
          { text: '类型正式合同 日期2023-06-01' },
        ],
      }),
    );
    expect(answer).toMatch(/已登记签约：P2023-001 光伏组件项目/);
    expect(c.store.project('P2023-001')?.signing?.amountWan).toBe(50_000);
  });

  it('answers a picture or a file alone with what the bot can do, writing nothing', async () => {
    expect(await send(kindMessage('pic-1', 'picture', { downloadCode: 'dlc-pic' }))).toMatch(
      /收到一张图片。机器人只读文字和语音里的文字/,
    );
    expect(
      await send(kindMessage('file-1', 'file', { downloadCode: 'dlc-file', fileName: '签约合同.pdf' })),
    ).toMatch(/收到一个文件/);
    // the answers pass through the durable outbox; no project or record is written
    expect(c.store.projects()).toHaveLength(0);
  });

  it('answers a sender DingTalk gives no senderStaffId, instead of staying silent', async () => {
    const { senderStaffId: _none, ...external } = robotMessage({
      msgId: 'ext-1',
      staffId: 'unused',
      content: '登记签约 外部项目 合同额1亿 类型正式合同',
      sessionWebhook: `${fake.base}/robot/sendBySession?session=s1`,
    });
    expect(await send(external)).toMatch(/无法识别您的身份/);
    expect(c.store.projects()).toHaveLength(0);
  });

  it('accepts createAt as a string as well as a number', async () => {
    const body = {
      ...robotMessage({
        msgId: 'ca-1',
        staffId: 'lisi',
        content: '帮助',
        sessionWebhook: `${fake.base}/robot/sendBySession?session=s1`,
      }),
      createAt: String(Date.now()),
    };
    expect(await send(body)).not.toBe('');
  });

  it("answers 「这个项目进展如何」 in a reply quoting a project card with that project's card", async () => {
    await c.say('登记签约 年产30万吨再生铝项目 合同额12亿 类型正式合同 单位工业园区管委会 日期2023-05-20');
    await c.say('登记签约 光伏组件项目 合同额5亿 类型正式合同 单位工业园区管委会 日期2023-06-01');
    const card = await c.say('查询 P2023-002');
    const body = robotMessage({
      msgId: 'q-1',
      staffId: 'lisi',
      content: '这个项目进展如何',
      sessionWebhook: `${fake.base}/robot/sendBySession?session=s1`,
    });
    const answer = await send({
      ...body,
      text: { ...body.text, isReplyMsg: true, repliedMsg: { msgType: 'markdown', content: { text: card } } },
    });
    expect(answer).toMatch(/P2023-002/);
    expect(answer).toMatch(/光伏组件项目/);
    expect(answer).not.toMatch(/再生铝/);
  });
});

describe('DingTalk robot message decoding', () => {
  it('gives an audio message without recognition an empty voice text, and ignores unknown kinds', () => {
    const decode = (body: object) => decodeRobotMessage(robotMessageSchema.parse(body));
    expect(decode(kindMessage('au-2', 'audio', { downloadCode: 'dlc' }))).toMatchObject({
      kind: 'voice',
      text: '',
    });
    expect(decode(kindMessage('v-1', 'video', { downloadCode: 'dlc', duration: 3 }))).toBeNull();
  });
});
