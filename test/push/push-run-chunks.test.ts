import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import type { PushChannel } from '../../src/delivery/push-channel.ts';
import { OutboxWorker } from '../../src/push/outbox-worker.ts';
import { PushService } from '../../src/push/push-service.ts';
import { renderWecomMarkdown } from '../../src/render/wecom-markdown.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import type { JournalRecord } from '../../storage/journal-record.ts';
import type { OutboxItem } from '../../storage/schema.ts';
import { Store } from '../../storage/store.ts';
import { changeThenKill } from '../helpers/crashed-store.ts';
import { itEmbeddedOnly, journalOf, openTestStore } from '../helpers/test-store.ts';

const GROUPS = 120;
const NOW = new Date('2026-12-01T01:00:00Z');
const meta = { actor: 'admin', command: 'test', at: NOW };

/** A district of 12 units with 120 bound unit groups: more than two changes' worth of groups. */
function bindGroups(store: Store): void {
  const units = Array.from({ length: 12 }, (_, i) =>
    store.addUnit(meta, { name: `单位${i + 1}`, type: '部门' }),
  );
  for (let i = 0; i < GROUPS; i++) {
    store.bindChat(meta, {
      platform: 'x',
      chatId: `g${i}`,
      scope: { kind: 'unit', unitId: (units[i % units.length] as { id: string }).id },
    });
  }
}

function service(store: Store, sent: OutboxItem[] = []) {
  const channel: PushChannel = {
    platform: 'x',
    limit: 4096,
    renderPush: renderWecomMarkdown,
    send: async (item) => {
      sent.push(item);
      return { ok: true };
    },
  };
  const channels = new Map([['x', channel]]);
  const clock = { now: () => NOW };
  const worker = new OutboxWorker({ store, channels, logger: silentLogger, clock });
  const pushes = new PushService({
    store,
    clock,
    worker,
    channels,
    pictureDir: tmpdir(),
    logger: silentLogger,
  });
  return { pushes, worker };
}

describe('a push run stored a few groups per change', () => {
  it('never stores more than 50 groups in one change, and a group always in one change', async () => {
    const store = await openTestStore();
    bindGroups(store);
    const before = store.seq;
    const run = await service(store).pushes.run('monthly', NOW, 'manual');
    const records = (await journalOf(store)).filter((r) => r.seq > before) as JournalRecord[];
    // the changes that created messages (not the worker's marks on them after the run)
    const created = (r: JournalRecord) =>
      r.ops.filter((op) => op.c === 'outbox' && op.new !== undefined).map((op) => op.new as OutboxItem);
    const chunks = records.filter((r) => created(r).length > 0);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    const changeOf = new Map<string, number>();
    chunks.forEach((record, k) => {
      const items = created(record);
      expect(new Set(items.map((i) => i.chatId)).size).toBeLessThanOrEqual(50);
      for (const item of items) {
        expect(changeOf.get(item.chatId) ?? k).toBe(k);
        changeOf.set(item.chatId, k);
      }
    });
    expect(changeOf.size).toBe(GROUPS);
    expect(run).toMatchObject({ writing: false, deliveries: GROUPS * 2 });
    expect(store.outbox()).toHaveLength(GROUPS * 2);
  });

  itEmbeddedOnly(
    'killed between two changes, the rerun writes the groups that have nothing yet, and each group gets its messages once',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'saima-push-chunks-'));
      const first = await Store.open(new FilePersistence(dir));
      bindGroups(first);
      await first.close();
      const src = join(import.meta.dirname, '..', '..', 'src');
      // the child stores the first change of the run's messages and dies by SIGKILL as it begins the second
      changeThenKill(
        dir,
        `
      const { PushService } = await import(${JSON.stringify(join(src, 'push/push-service.ts'))});
      const { OutboxWorker } = await import(${JSON.stringify(join(src, 'push/outbox-worker.ts'))});
      const { silentLogger } = await import(${JSON.stringify(join(src, 'core/logger.ts'))});
      const { renderWecomMarkdown } = await import(${JSON.stringify(join(src, 'render/wecom-markdown.ts'))});
      let changes = 0;
      const add = store.addPushItems.bind(store);
      store.addPushItems = (...args) => {
        if (++changes === 2) process.kill(process.pid, 'SIGKILL');
        return add(...args);
      };
      const channel = { platform: 'x', limit: 4096, renderPush: renderWecomMarkdown, send: () => new Promise(() => {}) };
      const channels = new Map([['x', channel]]);
      const clock = { now: () => new Date(${JSON.stringify(NOW.toISOString())}) };
      const worker = new OutboxWorker({ store, channels, logger: silentLogger, clock });
      const pushes = new PushService({ store, clock, worker, channels, pictureDir: ${JSON.stringify(tmpdir())}, logger: silentLogger });
      await pushes.run('monthly', clock.now(), 'manual');
      `,
      );

      const store = await Store.open(new FilePersistence(dir));
      try {
        const [crashed] = store.pushRuns();
        expect(crashed).toMatchObject({ kind: 'monthly', trigger: 'manual', writing: true });
        const early = store.outbox();
        expect(early.length).toBeGreaterThan(0);
        expect(early.length).toBeLessThan(GROUPS * 2);
        const sent: OutboxItem[] = [];
        const { pushes, worker } = service(store, sent);
        const finished = await pushes.run('monthly', NOW, 'manual');
        expect(finished).toMatchObject({ id: crashed?.id, writing: false, deliveries: GROUPS * 2 });
        // and the run is done: once more writes nothing
        expect(await pushes.run('monthly', NOW, 'manual')).toBeNull();
        await worker.kick();
        expect(store.outbox((i) => i.status !== 'sent')).toEqual([]);
        expect(sent).toHaveLength(GROUPS * 2);
        const perGroup = new Map<string, string[]>();
        for (const item of sent)
          perGroup.set(item.chatId, [...(perGroup.get(item.chatId) ?? []), item.title]);
        expect(perGroup.size).toBe(GROUPS);
        for (const titles of perGroup.values()) {
          expect(titles).toHaveLength(2);
          expect(new Set(titles).size).toBe(2);
        }
        // the items stored before the crash kept their ids: nothing was written twice
        const ids = store.outbox().map((i) => i.id);
        for (const item of early) expect(ids).toContain(item.id);
        expect(new Set(ids).size).toBe(ids.length);
      } finally {
        await store.close();
      }
    },
  );

  it('is finished by the scheduler after a restart, even when it was a manual run', async () => {
    const store = await openTestStore();
    bindGroups(store);
    store.beginPushRun(meta, {
      id: 'monthly@2026-12-01T09:00-manual',
      kind: 'monthly',
      slot: '2026-12-01T09:00:00.000+08:00',
      trigger: 'manual',
      late: false,
    });
    const sent: OutboxItem[] = [];
    const { pushes, worker } = service(store, sent);
    await pushes.resumeUnfinished();
    await worker.idle();
    expect(store.pushRun('monthly@2026-12-01T09:00-manual')).toMatchObject({
      writing: false,
      deliveries: GROUPS * 2,
    });
    expect(new Set(sent.map((i) => i.chatId)).size).toBe(GROUPS);
  });
});
