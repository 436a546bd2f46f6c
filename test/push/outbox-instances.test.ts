import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import type { PushChannel } from '../../src/delivery/push-channel.ts';
import { ReplyOutbox } from '../../src/delivery/reply-outbox.ts';
import { OutboxWorker } from '../../src/push/outbox-worker.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { durably } from '../../storage/durably.ts';
import { FollowedTap } from '../../storage/followed-tap.ts';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import type { OutboxItem } from '../../storage/schema.ts';
import { Store } from '../../storage/store.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const at = new Date('2026-12-01T01:00:00Z');
const clock = { now: () => at };
const meta = { actor: 'saima', command: 'push', at };

const shared = sharedDatabase();

/** One instance's store on the test database; what it learns of the others comes by notification. */
async function instance(): Promise<{ store: Store; followed: FollowedTap }> {
  const followed = new FollowedTap(new PgPersistence({ url: shared.url, pollMs: 60_000 }));
  const store = await Store.open(followed);
  shared.keep(store);
  return { store, followed };
}

/** A push run of `parts` messages to each chat, committed. */
async function queuePush(store: Store, chats: string[], parts: number): Promise<number> {
  store.startPushRun(
    meta,
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
  await store.durable();
  return chats.length * parts;
}

/** A platform that records what each instance sent; `during` runs while a send is in flight. */
function platform(sent: string[], who: string, during?: (item: OutboxItem) => Promise<void>): PushChannel {
  return {
    platform: 'x',
    limit: 4096,
    renderPush: renderPlainText,
    send: async (item) => {
      sent.push(`${who}:${item.body}`);
      await during?.(item);
      return { ok: true };
    },
  };
}

function worker(store: Store, channel: PushChannel, paused = false): OutboxWorker {
  return new OutboxWorker({
    store,
    channels: new Map([['x', channel]]),
    logger: silentLogger,
    clock,
    paused,
  });
}

const statuses = (store: Store) =>
  store
    .outbox()
    .map((i) => `${i.body || i.id}:${i.status}`)
    .sort();

describe('the outbox on two instances of one database', () => {
  it('sends each item once even when both instances deliver at the same moment', async () => {
    const a = await instance();
    const b = await instance();
    const total = await queuePush(a.store, ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'], 2);
    await expect.poll(() => b.store.outbox().length).toBe(total);
    const sent: string[] = [];
    // two senders at once is what the leader lock prevents; the journal's one order is what makes
    // an item go out once even then: both mark it, one commit wins, the other looks again
    await Promise.all([
      worker(a.store, platform(sent, 'a')).kick(),
      worker(b.store, platform(sent, 'b')).kick(),
    ]);
    const bodies = sent.map((s) => s.split(':')[1]);
    expect(bodies).toHaveLength(total);
    expect(new Set(bodies).size).toBe(total);
    for (const { store } of [a, b])
      await expect.poll(() => store.outbox((i) => i.status === 'sent').length).toBe(total);
  });

  it('makes a sent mark again when another instance committed first, so the item is not left mid-send', async () => {
    const a = await instance();
    const b = await instance();
    await queuePush(a.store, ['g1'], 1);
    await expect.poll(() => b.store.outbox().length).toBe(1);
    const sent: string[] = [];
    // while a's send is in flight, b commits the next change: a's sent mark, made in the same turn
    // the send returns, takes the same seq and loses
    const channel = platform(sent, 'a', async () => {
      await durably(b.store, () => b.store.addUnit(meta, { name: '工业园区管委会', type: '园区' }));
    });
    await worker(a.store, channel).kick();
    expect(sent).toEqual(['a:g1-0']);
    expect(a.store.units().map((u) => u.name)).toEqual(['工业园区管委会']);
    expect(a.store.outbox().map((i) => i.status)).toEqual(['sent']);
    await expect.poll(() => b.store.outbox().map((i) => i.status)).toEqual(['sent']);
  });

  it('sends nothing while paused; resumed, it marks what the last leader left mid-send unknown and sends the rest once', async () => {
    const a = await instance();
    const b = await instance();
    const total = await queuePush(a.store, ['g1'], 4);
    await expect.poll(() => b.store.outbox().length).toBe(total);
    const sent: string[] = [];
    // the first leader sends two messages and dies during the third: that send never returns
    let sends = 0;
    const dying: PushChannel = {
      ...platform(sent, 'a'),
      send: (item) => {
        sent.push(`a:${item.body}`);
        return ++sends <= 2 ? Promise.resolve({ ok: true }) : new Promise(() => {});
      },
    };
    void worker(a.store, dying).kick();
    await expect.poll(() => sent).toHaveLength(3);
    await expect.poll(() => b.store.outbox((i) => i.status === 'sending').length).toBe(1);
    const next = worker(b.store, platform(sent, 'b'), true);
    await next.kick();
    expect(sent).toEqual(['a:g1-0', 'a:g1-1', 'a:g1-2']);
    await next.resume();
    await next.idle();
    expect(sent).toEqual(['a:g1-0', 'a:g1-1', 'a:g1-2', 'b:g1-3']);
    expect(statuses(b.store)).toEqual([
      'g1-2:unknown',
      'monthly@2026-12-01T09:00#0000:sent',
      'monthly@2026-12-01T09:00#0001:sent',
      'monthly@2026-12-01T09:00#0003:sent',
    ]);
  });

  it('delivers on the leader a reply another instance queued, woken by the change it follows', async () => {
    const leader = await instance();
    const other = await instance();
    const sent: string[] = [];
    const delivering = worker(leader.store, platform(sent, 'leader'), true);
    leader.followed.onFollowed = (record) => delivering.followed(record);
    await delivering.resume();
    const replies = new ReplyOutbox({ store: other.store, clock, logger: silentLogger });
    // the other instance's own worker is paused: it is not the leader
    const idle = worker(other.store, platform(sent, 'other'), true);
    replies.onQueued = (chat) => idle.wake(chat);
    const queuedAt = Date.now();
    replies.enqueue({
      message: {
        platform: 'x',
        messageId: 'm-1',
        chatId: 'g1',
        chatType: 'group',
        senderId: 'lisi',
        text: '帮助',
      },
      reply: null,
      parts: [{ title: '帮助', body: '可用的命令' }],
      url: null,
      group: 'g1',
    });
    // no poll in this test is faster than a minute: only the followed change can wake the leader
    await expect.poll(() => sent, { timeout: 2_000, interval: 5 }).toEqual(['leader:可用的命令']);
    expect(Date.now() - queuedAt).toBeLessThan(1_000);
    await expect.poll(() => other.store.outbox().length).toBe(0);
  });

  it('writes a reply again when another instance committed first, so it is not lost', async () => {
    const mine = await instance();
    const other = await instance();
    const replies = new ReplyOutbox({ store: mine.store, clock, logger: silentLogger });
    other.store.addUnit(meta, { name: '工业园区管委会', type: '园区' });
    await other.store.durable();
    // in the turn the other's commit is known: this instance cannot have followed it yet
    replies.enqueue({
      message: {
        platform: 'x',
        messageId: 'm-2',
        chatId: 'g1',
        chatType: 'group',
        senderId: 'lisi',
        text: '帮助',
      },
      reply: null,
      parts: [{ title: '帮助', body: '可用的命令' }],
      url: null,
      group: 'g1',
    });
    // the reply is in the ledger at once; the lost commit takes it back and the rerun writes it after the unit
    for (const { store } of [mine, other])
      await expect
        .poll(() => ({
          seq: store.seq,
          units: store.units().length,
          replies: store.outbox().map((i) => i.body),
        }))
        .toEqual({ seq: 2, units: 1, replies: ['可用的命令'] });
  });
});
