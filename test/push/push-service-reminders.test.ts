import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { DeliveryStatus } from '../../src/delivery/delivery-status.ts';
import type { PushChannel } from '../../src/delivery/push-channel.ts';
import { dingtalkChannel } from '../../src/platforms/dingtalk/channel.ts';
import { wecomChannel } from '../../src/platforms/wecom/group-channel.ts';
import { WecomWebhookSender } from '../../src/platforms/wecom/webhook-sender.ts';
import { OutboxWorker } from '../../src/push/outbox-worker.ts';
import { PushService } from '../../src/push/push-service.ts';
import { ImageShelf } from '../../src/server/image-shelf.ts';
import type { Store } from '../../storage/store.ts';
import { type Conversation, smallDistrict } from '../helpers/conversation.ts';
import { testDingtalkSender } from '../helpers/dingtalk-sender.ts';
import { fakeDingtalk } from '../helpers/fake-dingtalk.ts';
import { fakeWecom } from '../helpers/fake-wecom.ts';
import { testStorePlace } from '../helpers/test-store.ts';

const closers: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

// 15 November 2026 16:00 Shanghai: the day before the 16th's cut-off
const REMINDER_SLOT = new Date('2026-11-15T08:00:00Z');
const CUT_OFF_SLOT = new Date('2026-11-16T01:00:00Z');

/**
 * The park has four members: 李四 silent, 赵六 reported progress, 钱七 said 本期无进展, 孙八 was
 * deactivated; 周九 is the park's 领导. Every one of them is silent before the period (1 November).
 */
async function parkWithFourMembers(store?: Store): Promise<Conversation> {
  const c = await smallDistrict({ now: '2026-10-20T10:00:00+08:00', ...(store ? { store } : {}) });
  await c.say('添加成员 赵六 账号zhaoliu 单位工业园区管委会 角色成员');
  await c.say('添加成员 钱七 账号qianqi 单位工业园区管委会 角色成员');
  await c.say('添加成员 孙八 账号sunba 单位工业园区管委会 角色成员');
  await c.say('添加成员 周九 账号zhoujiu 单位工业园区管委会 角色领导');
  await c.say('登记在谈 再生铝项目 投资方某铝业', { as: 'lisi' });
  c.setNow('2026-11-10T10:00:00+08:00');
  expect(await c.say('进度 再生铝项目 完成土地摘牌', { as: 'zhaoliu' })).toMatch(/已记录进展/);
  expect(await c.say('本期无进展', { as: 'qianqi' })).toMatch(/已登记：本期（2026-11-01 起）无进展/);
  expect(await c.say('停用成员 孙八')).toMatch(/已停用成员/);
  c.setNow('2026-11-15T16:00:00+08:00');
  return c;
}

function pushService(c: Conversation, channels: Map<string, PushChannel>) {
  const worker = new OutboxWorker({ store: c.store, channels, logger: silentLogger, clock: c.clock });
  const pushes = new PushService({
    store: c.store,
    clock: c.clock,
    worker,
    channels,
    pictureDir: mkdtempSync(join(tmpdir(), 'saima-pictures-')),
    logger: silentLogger,
  });
  return { worker, pushes };
}

async function wecomPark() {
  const fake = await fakeWecom();
  closers.push(fake.close);
  const c = await parkWithFourMembers();
  const park = c.store.unitByName('工业园区管委会');
  const meta = { actor: 'admin', command: 'test', at: c.clock.now() };
  c.store.bindChat(meta, {
    platform: 'wecom',
    chatId: 'park',
    scope: { kind: 'unit', unitId: park?.id ?? '' },
  });
  const status = new DeliveryStatus();
  const sender = new WecomWebhookSender({
    apiBase: fake.base,
    http: axios.create({ proxy: false }),
    logger: silentLogger,
    status,
    sleep: async () => {},
  });
  const channels = new Map([['wecom', wecomChannel({ sender, webhookKeyFor: () => 'key-park', status })]]);
  return { fake, c, ...pushService(c, channels) };
}

async function dingtalkPark(withCustomRobot: boolean, store?: Store) {
  const fake = await fakeDingtalk({ appKey: 'k', appSecret: 's', robots: { 'park-token': 'park-secret' } });
  closers.push(fake.close);
  const c = await parkWithFourMembers(store);
  const park = c.store.unitByName('工业园区管委会');
  const meta = { actor: 'admin', command: 'test', at: c.clock.now() };
  c.store.bindChat(meta, {
    platform: 'dingtalk',
    chatId: 'cidPark==',
    scope: { kind: 'unit', unitId: park?.id ?? '' },
  });
  const status = new DeliveryStatus();
  const sender = testDingtalkSender(
    { base: fake.base, appKey: 'k', appSecret: 's' },
    {
      status,
      customRobotFor: () => (withCustomRobot ? { accessToken: 'park-token', secret: 'park-secret' } : null),
    },
  );
  const channels = new Map([['dingtalk', dingtalkChannel({ sender, images: new ImageShelf(null), status })]]);
  return { fake, c, ...pushService(c, channels) };
}

describe('the day before a 半月调度 cut-off, a unit group is reminded of who has not reported', () => {
  it('@-mentions exactly the silent active members in a WeCom group robot markdown', async () => {
    const { fake, pushes, worker } = await wecomPark();
    await pushes.run('reminder', REMINDER_SLOT, 'schedule');
    await worker.idle();
    expect(fake.pushes).toHaveLength(1);
    const content = fake.pushes[0]?.body.markdown?.content ?? '';
    expect(fake.pushes[0]?.body.msgtype).toBe('markdown');
    expect(content).toMatch(/报送提醒（工业园区管委会）/);
    expect(content).toMatch(/本期（2026-11-01 起）还有 1 位同事没有报送任何进展，半月调度 2026-11-16 截止/);
    expect(content.match(/<@[^>]+>/g)).toEqual(['<@lisi>']);
    for (const other of ['zhaoliu', 'qianqi', 'sunba', 'zhoujiu']) expect(content).not.toContain(other);
  });

  it('@-mentions them through a DingTalk custom robot with at.atUserIds and @id in the text', async () => {
    const { fake, pushes, worker } = await dingtalkPark(true);
    await pushes.run('reminder', REMINDER_SLOT, 'schedule');
    await worker.idle();
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]?.via).toBe('custom');
    expect(fake.sent[0]?.atUserIds).toEqual(['lisi']);
    expect(fake.sent[0]?.text).toMatch(/请以下同事报送：@lisi/);
  });

  it('keeps who to @ with the queued message across a restart, in the same schema version', async () => {
    const place = await testStorePlace();
    const { c, pushes, worker } = await dingtalkPark(true, await place.open());
    await pushes.run('reminder', REMINDER_SLOT, 'schedule');
    await worker.idle();
    await c.store.close();
    const reopened = await place.open();
    expect(reopened.outbox().map((i) => i.atUserIds)).toEqual([['lisi']]);
    await reopened.close();
  });

  it('names them in bold where the group is reached by the app robot, which cannot @', async () => {
    const { fake, pushes, worker } = await dingtalkPark(false);
    await pushes.run('reminder', REMINDER_SLOT, 'schedule');
    await worker.idle();
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]?.via).toBe('openapi');
    expect(fake.sent[0]?.text).toMatch(/请以下同事报送：\*\*李四\*\*/);
    expect(fake.sent[0]?.text).not.toMatch(/@lisi/);
  });

  it('sends nothing to a unit group whose members have all reported', async () => {
    const { fake, c, pushes, worker } = await wecomPark();
    expect(await c.say('本期无进展', { as: 'lisi' })).toMatch(/已登记/);
    await pushes.run('reminder', REMINDER_SLOT, 'schedule');
    await worker.idle();
    expect(fake.pushes).toHaveLength(0);
  });

  it('after the cut-off, @-mentions the unit leader with who is still missing', async () => {
    const { fake, c, pushes, worker } = await wecomPark();
    c.setNow('2026-11-16T09:00:00+08:00');
    await pushes.run('halfMonth', CUT_OFF_SLOT, 'schedule');
    await worker.idle();
    const content = fake.pushes.map((p) => p.body.markdown?.content ?? '').join('\n');
    expect(content).toMatch(/半月调度已截止，本期仍未报送：李四。请领导督促：<@zhoujiu>/);
    expect(content.match(/<@[^>]+>/g)).toEqual(['<@zhoujiu>']);
  });
});

describe('the scheduler runs 报送提醒 on its own', () => {
  it('writes the reminder run at 16:00 Shanghai, on Friday when the 15th is a Sunday, and delivers it', async () => {
    const { fake, c, pushes, worker } = await wecomPark();
    c.setNow('2026-11-12T10:00:00+08:00');
    await pushes.tick(); // the scheduler's first start
    c.setNow('2026-11-13T15:59:00+08:00');
    await pushes.tick();
    const reminders = () =>
      c.store
        .pushRuns()
        .filter((r) => r.kind === 'reminder')
        .map((r) => r.slot.slice(0, 16));
    expect(reminders()).toEqual([]);
    c.setNow('2026-11-13T16:00:00+08:00');
    await pushes.tick();
    await worker.idle();
    expect(reminders()).toEqual(['2026-11-13T16:00']);
    expect(fake.pushes.some((p) => p.body.markdown?.content.includes('<@lisi>'))).toBe(true);
  });
});

describe('a reminder missed while the bot was down', () => {
  it('is not sent once its cut-off has passed, while the missed 半月调度 is', async () => {
    const { c, pushes, worker } = await wecomPark();
    c.setNow('2026-11-12T10:00:00+08:00');
    await pushes.tick(); // the scheduler's first start
    c.setNow('2026-11-16T10:00:00+08:00'); // down from before Friday's reminder until after the cut-off
    await pushes.tick();
    await worker.idle();
    const kinds = c.store.pushRuns().map((r) => r.kind);
    expect(kinds).toContain('halfMonth');
    expect(kinds).not.toContain('reminder');
  });
});

describe('a quarterly push to a DingTalk group whose custom robot cannot show the picture', () => {
  it('says why in the text instead of queueing a picture that would mark the group unreachable', async () => {
    const { fake, pushes, worker, c } = await dingtalkPark(true);
    await pushes.run('quarterly', new Date('2026-10-01T01:00:00Z'), 'schedule');
    await worker.idle();
    const items = c.store.outbox(() => true);
    expect(items.some((i) => i.image)).toBe(false);
    expect(items.every((i) => i.status === 'sent')).toBe(true);
    expect(fake.sent.map((s) => s.text).join('\n')).toMatch(/五色图没有发到本群.*SAIMA_PUBLIC_URL/);
  });
});
