import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { dingtalkChannel } from '../../../src/platforms/dingtalk/channel.ts';
import { ImageShelf } from '../../../src/server/image-shelf.ts';
import type { OutboxItem } from '../../../storage/schema.ts';
import { testDingtalkSender } from '../../helpers/dingtalk-sender.ts';
import { fakeDingtalk } from '../../helpers/fake-dingtalk.ts';

const APP_KEY = 'dingappkey';
const APP_SECRET = 'channel-test-secret';
const ROBOT_TOKEN = 'custom-robot-token';
const ROBOT_SECRET = 'SECcustomrobot';

let fake: Awaited<ReturnType<typeof fakeDingtalk>>;

beforeEach(async () => {
  fake = await fakeDingtalk({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    robots: { [ROBOT_TOKEN]: ROBOT_SECRET },
  });
});

afterEach(async () => {
  await fake.close();
});

/** The quarterly five-colour picture as the push service writes it: a PNG in the data directory. */
function quarterlyPicture(chatId: string): OutboxItem {
  const path = join(mkdtempSync(join(tmpdir(), 'saima-picture-')), 'quarterly.png');
  writeFileSync(path, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(2048, 7)]));
  return {
    id: 'quarterly@2026-10-08T09:00#0001',
    runId: 'quarterly@2026-10-08T09:00',
    platform: 'dingtalk',
    chatId,
    order: 1,
    title: '2026年三季度 五色图',
    body: path,
    image: true,
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: '2026-10-08T09:00:00+08:00',
    sentAt: null,
    reply: null,
  };
}

function channel() {
  const status = new DeliveryStatus();
  const sender = testDingtalkSender(
    { base: fake.base, appKey: APP_KEY, appSecret: APP_SECRET },
    {
      status,
      customRobotFor: (id) =>
        id === 'cidCUSTOM==' ? { accessToken: ROBOT_TOKEN, secret: ROBOT_SECRET } : null,
    },
  );
  return dingtalkChannel({ sender, images: new ImageShelf(null), status });
}

describe('DingTalk pictures without SAIMA_PUBLIC_URL', () => {
  it('uploads the quarterly picture and sends it to the group as sampleImageMsg by its media id', async () => {
    expect(await channel().send(quarterlyPicture('cidGROUP01=='))).toEqual({ ok: true });
    expect(fake.uploads).toEqual([expect.objectContaining({ token: 'token-1', png: true })]);
    expect(fake.sent).toEqual([
      expect.objectContaining({
        via: 'openapi',
        target: 'cidGROUP01==',
        msgKey: 'sampleImageMsg',
        photoURL: '@lADPmedia1',
      }),
    ]);
  });

  it('uploads again with a fresh token when the old host says the token is invalid (40014)', async () => {
    const c = channel();
    await c.send(quarterlyPicture('cidGROUP01=='));
    fake.revokeTokens();
    expect(await c.send(quarterlyPicture('cidGROUP01=='))).toEqual({ ok: true });
    expect(fake.refused).toEqual(['oapi:token']);
    expect(fake.sent.map((s) => s.photoURL)).toEqual(['@lADPmedia1', '@lADPmedia2']);
  });

  it('says a custom robot cannot upload a picture, and uploads nothing', async () => {
    const outcome = await channel().send(quarterlyPicture('cidCUSTOM=='));
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/自定义机器人无法发送图片/) });
    expect(fake.uploads).toEqual([]);
    expect(fake.attempts).toEqual([]);
  });
});

describe('DingTalk @-mentions in group pushes', () => {
  it('@-mentions through a custom robot and names people in bold where the app robot sends', () => {
    const people = [{ account: 'lisi', name: '李四' }];
    expect(channel().mention?.('cidCUSTOM==', people)).toEqual({ text: '@lisi', ids: ['lisi'] });
    expect(channel().mention?.('cidGROUP01==', people)).toEqual({ text: '**李四**', ids: [] });
  });
});
