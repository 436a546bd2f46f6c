import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { DeliveryStatus } from '../../src/delivery/delivery-status.ts';
import type { PushChannel } from '../../src/delivery/push-channel.ts';
import { dingtalkChannel } from '../../src/platforms/dingtalk/channel.ts';
import { DingtalkSender } from '../../src/platforms/dingtalk/sender.ts';
import { wecomChannel } from '../../src/platforms/wecom/group-channel.ts';
import { WecomWebhookSender } from '../../src/platforms/wecom/webhook-sender.ts';
import { OutboxWorker } from '../../src/push/outbox-worker.ts';
import { PushService } from '../../src/push/push-service.ts';
import { renderWecomMarkdown } from '../../src/render/wecom-markdown.ts';
import { ImageShelf } from '../../src/server/image-shelf.ts';
import { systemClock } from '../../src/time/clock.ts';
import type { OutboxItem } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import { fakeDingtalk } from '../helpers/fake-dingtalk.ts';
import { fakeWecom } from '../helpers/fake-wecom.ts';
import { openTestStore, testStorePlace } from '../helpers/test-store.ts';

const closers: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const meta = (at: Date) => ({ actor: 'admin', command: 'test', at });

async function district(store: Store, at: Date) {
  const park = store.addUnit(meta(at), { name: '工业园区管委会', type: '园区' });
  store.setTargets(meta(at), {
    scope: { kind: 'unit', unitId: park.id },
    year: 2026,
    tier: '市级目标',
    values: [{ indicator: 'contractCount', value: 12 }],
  });
  store.registerSigning(
    meta(at),
    { create: { name: '再生铝项目', unitId: park.id } },
    { type: '正式合同', date: '2026-03-01', amountWan: 10_000, startDeadline: '2026-06-30' },
  );
  return park;
}

/** A WeCom channel on the fake server, with no real waiting between retries. */
function wecomChannels(apiBase: string, webhookKeyFor: (chatId: string) => string | null) {
  const status = new DeliveryStatus();
  const sender = new WecomWebhookSender({
    apiBase,
    http: axios.create({ proxy: false }),
    logger: silentLogger,
    status,
    sleep: async () => {},
  });
  return new Map([['wecom', wecomChannel({ sender, webhookKeyFor, status })]]);
}

function service(
  store: Store,
  channels: Map<string, PushChannel>,
  clock: { now: () => Date },
  boundElsewhere?: (binding: { platform: string; chatId: string }) => boolean,
) {
  const worker = new OutboxWorker({ store, channels, logger: silentLogger, clock });
  const pictureDir = mkdtempSync(join(tmpdir(), 'saima-pictures-'));
  return {
    worker,
    pictureDir,
    pushes: new PushService({
      store,
      clock,
      worker,
      channels,
      pictureDir,
      logger: silentLogger,
      boundElsewhere,
    }),
  };
}

describe('scheduled pushes through the outbox', () => {
  it('sends a 30-group push at no more than 20 a minute for the one app robot', async () => {
    const fake = await fakeDingtalk({ appKey: 'k', appSecret: 's', robots: {} });
    closers.push(fake.close);
    let virtual = Date.parse('2026-12-01T01:00:00Z');
    const sentAt: number[] = [];
    const http = axios.create({ proxy: false });
    const status = new DeliveryStatus();
    const sender = new DingtalkSender({
      apiBase: fake.base,
      oapiBase: fake.base,
      appKey: 'k',
      appSecret: 's',
      robotCode: 'robot',
      http,
      logger: silentLogger,
      status,
      customRobotFor: () => null,
      now: () => virtual,
      // a virtual clock: sleepers that start together wake together, as with real timers
      sleep: async (ms) => {
        const wake = virtual + ms;
        await Promise.resolve();
        virtual = Math.max(virtual, wake);
      },
      onAttempt: (_robot, at) => sentAt.push(at),
    });
    const store = await openTestStore();
    const at = new Date('2026-11-01T02:00:00Z');
    await district(store, at);
    for (let i = 0; i < 30; i++)
      store.bindChat(meta(at), { platform: 'dingtalk', chatId: `cid${i}==`, scope: { kind: 'district' } });
    const channels = new Map([
      ['dingtalk', dingtalkChannel({ sender, images: new ImageShelf(null), status })],
    ]);
    const { pushes, worker } = service(store, channels, { now: () => new Date(virtual) });
    const run = await pushes.run('halfMonth', new Date('2026-12-01T01:00:00Z'), 'schedule');
    await worker.idle();
    expect(run?.deliveries).toBe(30);
    expect(fake.sent).toHaveLength(30);
    expect(new Set(fake.sent.map((s) => s.target)).size).toBe(30);
    sentAt.sort((a, b) => a - b);
    for (let i = 20; i < sentAt.length; i++)
      expect((sentAt[i] as number) - (sentAt[i - 20] as number)).toBeGreaterThanOrEqual(60_000);
    expect(store.outbox((i) => i.status !== 'sent')).toHaveLength(0);
  });

  it('sends nothing to a group another district bound too: it is nobody’s until an admin settles it', async () => {
    const fake = await fakeWecom();
    closers.push(fake.close);
    const store = await openTestStore();
    const at = new Date('2026-11-01T02:00:00Z');
    await district(store, at);
    for (const chatId of ['ours', 'contested'])
      store.bindChat(meta(at), { platform: 'wecom', chatId, scope: { kind: 'district' } });
    const channels = wecomChannels(fake.base, (chatId) => `key-${chatId}`);
    const { pushes, worker } = service(
      store,
      channels,
      { now: () => new Date('2026-12-01T01:00:00Z') },
      (b) => b.chatId === 'contested',
    );
    await pushes.run('halfMonth', new Date('2026-12-01T01:00:00Z'), 'schedule');
    await worker.idle();
    expect(new Set(fake.pushes.map((p) => p.key))).toEqual(new Set(['key-ours']));
  });

  it('after a crash mid-delivery, a restart delivers the rest once and nothing twice', async () => {
    const fake = await fakeWecom();
    closers.push(fake.close);
    const place = await testStorePlace();
    const at = new Date('2026-12-01T01:00:00Z');
    const keys = new Map([
      ['g1', 'key-1'],
      ['g2', 'key-2'],
      ['g3', 'key-3'],
    ]);
    const channel = wecomChannels(fake.base, (c) => keys.get(c) ?? null).get('wecom') as PushChannel;

    const first = await place.open();
    await district(first, at);
    for (const chatId of keys.keys())
      first.bindChat(meta(at), { platform: 'wecom', chatId, scope: { kind: 'district' } });
    let sends = 0;
    // the process dies while sending the third message: that call never returns
    const dying: PushChannel = {
      ...channel,
      send: (item: OutboxItem) => (++sends <= 2 ? channel.send(item) : new Promise(() => {})),
    };
    const a = service(first, new Map([['wecom', dying]]), { now: () => at });
    const run = await a.pushes.run('monthly', at, 'schedule');
    await new Promise((r) => setTimeout(r, 200));
    const total = run?.deliveries ?? 0;
    expect(total).toBeGreaterThan(3);
    expect(fake.pushes).toHaveLength(2);
    await first.close();

    const second = await place.open();
    expect(second.outbox((i) => i.status === 'sent')).toHaveLength(2);
    const b = service(second, new Map([['wecom', channel]]), { now: () => at });
    // the three calls that never returned (one per group) may or may not have arrived: never re-sent
    expect(await b.worker.recoverInterrupted()).toHaveLength(3);
    await b.worker.kick();
    expect(second.outbox((i) => i.status === 'unknown')).toHaveLength(3);
    expect(fake.pushes).toHaveLength(total - 3);
    const seen = fake.pushes.map((p) => `${p.key}|${p.body.markdown?.content}`);
    expect(new Set(seen).size).toBe(seen.length);
    // the same slot never runs twice, even when the schedule fires again
    expect(await b.pushes.run('monthly', at, 'schedule')).toBeNull();
    await second.close();
  });

  it('sends a run missed while the bot was down once, marked late, and only the latest one', async () => {
    const fake = await fakeWecom();
    closers.push(fake.close);
    const store = await openTestStore();
    let now = new Date('2026-11-10T02:00:00Z');
    await district(store, now);
    store.bindChat(meta(now), { platform: 'wecom', chatId: 'g1', scope: { kind: 'district' } });
    const channels = wecomChannels(fake.base, () => 'key-1');
    const { pushes, worker } = service(store, channels, { now: () => now });
    await pushes.tick(); // first start: records when the scheduler began; nothing older is caught up
    expect(store.pushRuns()).toHaveLength(0);
    now = new Date('2026-11-20T03:00:00Z'); // down from before the 16th until the 20th
    await pushes.tick();
    await worker.idle();
    const runs = store.pushRuns();
    expect(runs.map((r) => [r.kind, r.slot.slice(0, 16), r.trigger, r.late])).toContainEqual([
      'halfMonth',
      '2026-11-16T09:00',
      'catch-up',
      true,
    ]);
    expect(fake.pushes.some((p) => p.body.markdown?.content.includes('补发：原定 2026-11-16 09:00'))).toBe(
      true,
    );
    const count = fake.pushes.length;
    await pushes.tick();
    await worker.idle();
    expect(fake.pushes).toHaveLength(count);
  });

  it('fires on time at 09:00 Shanghai and sends the five-colour picture with the quarterly text', async () => {
    const fake = await fakeWecom();
    closers.push(fake.close);
    const store = await openTestStore();
    let now = new Date('2026-06-20T02:00:00Z');
    await district(store, now);
    store.bindChat(meta(now), { platform: 'wecom', chatId: 'g1', scope: { kind: 'district' } });
    const channels = wecomChannels(fake.base, () => 'key-1');
    const { pushes, worker, pictureDir: quarterlyPictures } = service(store, channels, { now: () => now });
    store.setSettings(meta(now), { shiftToWorkday: false }, '节假日顺延 否');
    await pushes.tick();
    now = new Date('2026-07-01T00:59:00Z');
    await pushes.tick();
    expect(store.pushRuns().filter((r) => r.kind === 'quarterly')).toHaveLength(0);
    now = new Date('2026-07-01T01:00:00Z');
    await pushes.tick();
    await worker.idle();
    const quarterly = store.pushRuns().find((r) => r.kind === 'quarterly');
    expect(quarterly).toMatchObject({
      slot: '2026-07-01T09:00:00.000+08:00',
      trigger: 'schedule',
      late: false,
    });
    const items = store.outbox((i) => i.runId === quarterly?.id).sort((a, b) => a.order - b.order);
    expect(items.at(-1)?.image).toBe(true);
    const image = fake.pushes.find((p) => p.body.msgtype === 'image');
    expect(items.at(-1)?.body).toBe(''); // sent: the record stays, the content does not
    const [file] = readdirSync(quarterlyPictures);
    const png = readFileSync(join(quarterlyPictures, file as string));
    expect(image?.body.image?.md5).toBe(createHash('md5').update(png).digest('hex'));
    const texts = fake.pushes
      .filter((p) => p.body.msgtype === 'markdown')
      .map((p) => p.body.markdown?.content ?? '');
    expect(texts.join('\n')).toMatch(/2026年第2季度晾晒（五色图）/);
  });

  it('fires on the system clock (fake timers): at 08:59 Shanghai only the 08:30 check, 半月调度 and 每月通报 at 09:00', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const store = await openTestStore();
      vi.setSystemTime(new Date('2026-11-30T02:00:00Z'));
      await district(store, new Date());
      store.bindChat(meta(new Date()), { platform: 'x', chatId: 'g1', scope: { kind: 'district' } });
      store.setSettings(meta(new Date()), { shiftToWorkday: false }, '节假日顺延 否');
      const channel: PushChannel = {
        platform: 'x',
        limit: 4096,
        renderPush: renderWecomMarkdown,
        send: async () => ({ ok: true }),
      };
      const { pushes, worker } = service(store, new Map([['x', channel]]), systemClock);
      await pushes.tick();
      vi.setSystemTime(new Date('2026-12-01T00:59:00Z')); // 08:59 in Shanghai, 1 December
      await pushes.tick();
      expect(store.pushRuns().map((r) => r.kind)).toEqual(['deadlines']); // its 08:30 slot has passed
      vi.setSystemTime(new Date('2026-12-01T01:00:00Z')); // 09:00 in Shanghai
      await pushes.tick();
      await worker.idle();
      expect(
        store
          .pushRuns()
          .map((r) => [r.kind, r.slot.slice(0, 16), r.late])
          .sort(),
      ).toEqual([
        ['deadlines', '2026-12-01T08:30', true],
        ['halfMonth', '2026-12-01T09:00', false],
        ['monthly', '2026-12-01T09:00', false],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
