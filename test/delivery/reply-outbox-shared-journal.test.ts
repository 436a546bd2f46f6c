import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../src/core/incoming.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { reply } from '../../src/core/reply.ts';
import { ReplyOutbox } from '../../src/delivery/reply-outbox.ts';
import { frozenClock } from '../../src/time/clock.ts';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { Store } from '../../storage/store.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const clock = frozenClock(new Date('2023-06-10T10:00:00+08:00'));
const shared = sharedDatabase();

async function instance(): Promise<Store> {
  const store = await Store.open(new PgPersistence({ url: shared.url, pollMs: 200 }));
  shared.keep(store);
  return store;
}

const message = (id: string): IncomingMessage => ({
  platform: 'dingtalk',
  messageId: id,
  chatId: 'cid-lisi==',
  chatType: 'single',
  senderId: 'lisi',
  text: '查询 再生铝',
});

const outcome = (p: Promise<void>) =>
  p.then(
    () => 'committed' as const,
    () => 'taken back' as const,
  );

describe('the reply outbox on a database shared with another instance', () => {
  it('writes a reply again when the other instance took its place in the journal, so none is lost', async () => {
    const [a, b] = [await instance(), await instance()];
    const replies = new ReplyOutbox({ store: a, clock, logger: silentLogger });
    const meta = { actor: 'admin', command: 'test', at: clock.now() };
    // both write the journal's next change at once: the one whose insert lands second is taken back
    let lostByTheOutbox = 0;
    let round = 0;
    while (lostByTheOutbox < 2 && round < 40) {
      round++;
      await expect.poll(() => a.seq === b.seq).toBe(true);
      replies.enqueue({
        message: message(`m-${round}`),
        reply: reply('info', `回复${round}`),
        parts: [{ title: `回复${round}`, body: `回复${round}` }],
        url: null,
        group: 'cid-lisi==',
      });
      const other = b.addUnit(meta, { name: `单位${round}`, type: '部门' });
      const [theirs] = await Promise.all([outcome(b.durable()), outcome(a.durable())]);
      if (theirs === 'committed') lostByTheOutbox++;
      expect(b.unit(other.id) === null).toBe(theirs === 'taken back');
    }
    expect(lostByTheOutbox).toBe(2);
    const titles = (store: Store) =>
      store
        .outbox()
        .map((item) => item.title)
        .sort();
    const every = Array.from({ length: round }, (_, i) => `回复${i + 1}`).sort();
    await expect.poll(() => titles(a), { timeout: 5_000 }).toEqual(every);
    await expect.poll(() => titles(b), { timeout: 5_000 }).toEqual(every);
  });
});
