import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import type { PushChannel } from '../../src/delivery/push-channel.ts';
import { OutboxWorker } from '../../src/push/outbox-worker.ts';
import { PushService } from '../../src/push/push-service.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { outboxDestination } from '../../storage/outbox.ts';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { Store } from '../../storage/store.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const at = new Date('2026-12-01T01:00:00Z');
const clock = { now: () => at };
const meta = { actor: 'admin', command: 'test', at };
const GROUPS = ['g1', 'g2', 'g3'];

const shared = sharedDatabase();

/** A platform that records every send; a send after `dieAfter` never returns (the process died in it). */
function platform(sent: string[], who: string, dieAfter = Number.POSITIVE_INFINITY): PushChannel {
  let sends = 0;
  return {
    platform: 'x',
    limit: 4096,
    renderPush: renderPlainText,
    send: (item) => {
      sent.push(`${who}|${item.chatId}|${item.body}`);
      return ++sends <= dieAfter ? Promise.resolve({ ok: true }) : new Promise(() => {});
    },
  };
}

/** One instance: its store on the test database, its push service and its outbox worker. */
async function instance(channel: PushChannel, options: { paused?: boolean } = {}) {
  const store = await Store.open(new PgPersistence({ url: shared.url, pollMs: 60_000 }));
  shared.keep(store);
  const channels = new Map([['x', channel]]);
  const worker = new OutboxWorker({ store, channels, logger: silentLogger, clock, paused: options.paused });
  const pictureDir = mkdtempSync(join(tmpdir(), 'saima-pictures-'));
  const pushes = new PushService({ store, clock, worker, channels, pictureDir, logger: silentLogger });
  return { store, worker, pushes };
}

/** A district with one signed project and three district groups, committed. */
async function district(store: Store): Promise<void> {
  const park = store.addUnit(meta, { name: '工业园区管委会', type: '园区' });
  store.registerSigning(
    meta,
    { create: { name: '再生铝项目', unitId: park.id } },
    { type: '正式合同', date: '2026-03-01', amountWan: 10_000, startDeadline: '2026-06-30' },
  );
  for (const chatId of GROUPS) store.bindChat(meta, { platform: 'x', chatId, scope: { kind: 'district' } });
  await store.durable();
}

/** Each group's messages of the run, by their order: a group written twice would show an order twice. */
function ordersByGroup(store: Store, runId: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const item of store.outboxOfRun(runId)) {
    const group = outboxDestination(item);
    out[group] = [...(out[group] ?? []), item.order];
  }
  for (const orders of Object.values(out)) orders.sort((a, b) => a - b);
  return out;
}

describe('scheduled pushes with several instances on one database', () => {
  it('a new leader sends only what the dead one had not, marks its send in flight unknown, and runs the slot no more', async () => {
    const sent: string[] = [];
    // the first leader sends two messages; every send after that never returns: it is killed in them
    const first = await instance(platform(sent, 'first', 2));
    await district(first.store);
    const run = await first.pushes.run('monthly', at, 'schedule');
    const total = run?.deliveries ?? 0;
    expect(total).toBeGreaterThan(GROUPS.length);
    await expect.poll(() => sent).toHaveLength(2 + GROUPS.length);
    const next = await instance(platform(sent, 'next'), { paused: true });
    await expect.poll(() => next.store.outbox((i) => i.status === 'sending')).toHaveLength(GROUPS.length);
    // taking the lead: the worker resumes, the scheduler ticks
    await next.worker.resume();
    await next.worker.idle();
    expect(await next.pushes.run('monthly', at, 'schedule')).toBeNull();
    const byNext = sent.filter((s) => s.startsWith('next|'));
    expect(byNext).toHaveLength(total - 2 - GROUPS.length);
    const messages = sent.map((s) => s.slice(s.indexOf('|')));
    expect(new Set(messages).size).toBe(messages.length);
    expect(next.store.outbox((i) => i.status === 'unknown')).toHaveLength(GROUPS.length);
    expect(next.store.outbox((i) => i.status === 'sent')).toHaveLength(total - GROUPS.length);
    expect(next.store.pushRuns()).toHaveLength(1);
  });

  it('writes a slot run by two instances at once as one run, each group’s messages once', async () => {
    const sent: string[] = [];
    const a = await instance(platform(sent, 'a'), { paused: true });
    const b = await instance(platform(sent, 'b'), { paused: true });
    await district(a.store);
    await expect.poll(() => b.store.bindings()).toHaveLength(GROUPS.length);
    // both take the same seq for the run: one commit wins, the other's step runs again and finds it
    const runs = await Promise.all([
      a.pushes.run('monthly', at, 'schedule'),
      b.pushes.run('monthly', at, 'schedule'),
    ]);
    const finished = runs.filter((r) => r !== null);
    expect(finished).toHaveLength(1);
    const id = finished[0]?.id ?? '';
    for (const { store } of [a, b]) {
      await expect.poll(() => store.pushRun(id)?.writing).toBe(false);
      const orders = ordersByGroup(store, id);
      expect(Object.keys(orders).sort()).toEqual(GROUPS.map((g) => `x:${g}`));
      for (const list of Object.values(orders)) expect(list).toEqual(list.map((_, k) => k));
      expect(store.pushRun(id)?.deliveries).toBe(store.outboxOfRun(id).length);
      expect(store.pushRuns()).toHaveLength(1);
    }
  });

  it('makes each step of a run again after another instance’s commit took it back', async () => {
    const a = await instance(platform([], 'a'), { paused: true });
    const b = await instance(platform([], 'b'), { paused: true });
    await district(a.store);
    await expect.poll(() => b.store.bindings()).toHaveLength(GROUPS.length);
    b.store.addUnit(meta, { name: '经济信息委', type: '部门' });
    await b.store.durable();
    // in the turn b's commit is known, a cannot have followed it: a's first step takes the same seq
    const run = await a.pushes.run('monthly', at, 'schedule');
    expect(run?.writing).toBe(false);
    expect(a.store.units().map((u) => u.name)).toEqual(['工业园区管委会', '经济信息委']);
    expect(Object.keys(ordersByGroup(a.store, run?.id ?? ''))).toHaveLength(GROUPS.length);
    await expect.poll(() => b.store.pushRun(run?.id ?? '')?.writing).toBe(false);
  });

  it('leaves a scheduled run it stops writing to the next leader, who writes every group once', async () => {
    const a = await instance(platform([], 'a'), { paused: true });
    const b = await instance(platform([], 'b'), { paused: true });
    await district(a.store);
    const writing = a.pushes.run('monthly', at, 'schedule');
    // the lead is lost while the run is being written
    await a.pushes.stop();
    expect(await writing).toBeNull();
    const [left] = a.store.pushRuns();
    expect(left?.writing).toBe(true);
    await expect.poll(() => b.store.pushRun(left?.id ?? '')?.writing).toBe(true);
    await b.pushes.resumeUnfinished();
    const done = b.store.pushRun(left?.id ?? '');
    expect(done?.writing).toBe(false);
    expect(Object.keys(ordersByGroup(b.store, done?.id ?? '')).sort()).toEqual(GROUPS.map((g) => `x:${g}`));
    expect(done?.deliveries).toBe(b.store.outboxOfRun(done?.id ?? '').length);
  });
});
