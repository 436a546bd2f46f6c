import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import type { PushChannel } from '../../src/delivery/push-channel.ts';
import { OutboxWorker } from '../../src/push/outbox-worker.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import type { OutboxItem } from '../../storage/schema.ts';
import { openTestStore } from '../helpers/test-store.ts';

const at = new Date('2026-12-01T01:00:00Z');

async function storeWith(chats: string[], parts: number) {
  const store = await openTestStore();
  store.startPushRun(
    { actor: 'saima', command: 'push', at },
    {
      id: 'monthly@2026-12-01T09:00',
      kind: 'monthly',
      slot: '2026-12-01T09:00:00.000+08:00',
      trigger: 'schedule',
      late: false,
    },
    chats.flatMap((chatId) =>
      Array.from({ length: parts }, (_, order) => ({
        platform: 'x',
        chatId,
        order,
        title: 't',
        body: `${chatId}-${order}`,
        image: false,
      })),
    ),
  );
  return store;
}

describe('the outbox worker', () => {
  it('delivers each group’s parts in order', async () => {
    const store = await storeWith(['a', 'b'], 3);
    const sent: string[] = [];
    const channel: PushChannel = {
      platform: 'x',
      limit: 100,
      renderPush: renderPlainText,
      send: async (i) => {
        sent.push(i.body);
        return { ok: true };
      },
    };
    await new OutboxWorker({
      store,
      channels: new Map([['x', channel]]),
      logger: silentLogger,
      clock: { now: () => at },
    }).kick();
    expect(sent.filter((s) => s.startsWith('a'))).toEqual(['a-0', 'a-1', 'a-2']);
    expect(sent.filter((s) => s.startsWith('b'))).toEqual(['b-0', 'b-1', 'b-2']);
    expect(store.outbox((i) => i.status === 'sent')).toHaveLength(6);
  });

  it('keeps the order when a part fails for now, and retries it on the next kick', async () => {
    const store = await storeWith(['a'], 2);
    let fail = true;
    const sent: string[] = [];
    const channel: PushChannel = {
      platform: 'x',
      limit: 100,
      renderPush: renderPlainText,
      send: async (i) => {
        if (fail) return { ok: false, error: 'busy', permanent: false };
        sent.push(i.body);
        return { ok: true };
      },
    };
    const worker = new OutboxWorker({
      store,
      channels: new Map([['x', channel]]),
      logger: silentLogger,
      clock: { now: () => at },
    });
    await worker.kick();
    expect(sent).toEqual([]);
    expect(store.outbox((i) => i.status === 'pending')).toHaveLength(2);
    fail = false;
    await worker.kick();
    expect(sent).toEqual(['a-0', 'a-1']);
  });

  it('gives up a group for good on a permanent failure and reports it once', async () => {
    const store = await storeWith(['dead', 'alive'], 2);
    const reported: OutboxItem[] = [];
    const channel: PushChannel = {
      platform: 'x',
      limit: 100,
      renderPush: renderPlainText,
      send: async (i) =>
        i.chatId === 'dead' ? { ok: false, error: 'errcode 93000', permanent: true } : { ok: true },
    };
    await new OutboxWorker({
      store,
      channels: new Map([['x', channel]]),
      logger: silentLogger,
      clock: { now: () => at },
      onPermanentFailure: (item) => reported.push(item),
    }).kick();
    expect(store.outbox((i) => i.chatId === 'dead').map((i) => i.status)).toEqual(['failed', 'failed']);
    expect(store.outbox((i) => i.chatId === 'alive').map((i) => i.status)).toEqual(['sent', 'sent']);
    expect(reported.map((r) => r.chatId)).toEqual(['dead']);
  });
});

describe('the outbox stays small', () => {
  it('drops settled messages after 30 days when a new run starts', async () => {
    const store = await storeWith(['a'], 1);
    const channel: PushChannel = {
      platform: 'x',
      limit: 100,
      renderPush: renderPlainText,
      send: async () => ({ ok: true }),
    };
    await new OutboxWorker({
      store,
      channels: new Map([['x', channel]]),
      logger: silentLogger,
      clock: { now: () => at },
    }).kick();
    const later = new Date(at.getTime() + 31 * 86_400_000);
    store.startPushRun(
      { actor: 'saima', command: 'push', at: later },
      {
        id: 'monthly@2027-01-01T09:00',
        kind: 'monthly',
        slot: '2027-01-01T09:00:00.000+08:00',
        trigger: 'schedule',
        late: false,
      },
      [{ platform: 'x', chatId: 'a', order: 0, title: 't', body: 'new', image: false }],
    );
    expect(store.outbox().map((i) => i.body)).toEqual(['new']);
    expect(store.pushRuns()).toHaveLength(2);
  });
});
