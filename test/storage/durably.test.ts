import { describe, expect, it } from 'vitest';
import { durably } from '../../storage/durably.ts';
import { MemoryPersistence } from '../../storage/persistence.ts';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { StoreConflictError } from '../../storage/save-errors.ts';
import { Store } from '../../storage/store.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const meta = (n: number) => ({
  actor: 'saima',
  command: 'test',
  at: new Date(Date.UTC(2026, 2, 1, 0, 0, n)),
});

const shared = sharedDatabase();

async function instance(): Promise<Store> {
  // a slow poll: what an instance learns of the other's changes here comes by notification
  const store = await Store.open(new PgPersistence({ url: shared.url, pollMs: 60_000 }));
  shared.keep(store);
  return store;
}

/**
 * An instance that hears of nothing another commits until its own commit fails: its notification
 * session is ended (before the other instance opens one; it is opened again only a second later), and it polls
 * once a minute. Without this,
 * a busy machine can deliver the other's notification before `mine` writes, and it would not lose.
 */
async function deafInstance(): Promise<Store> {
  const store = await instance();
  expect(await shared.endListeners()).toBe(1);
  return store;
}

/**
 * Two instances at the same seq; `other` commits first. What `mine` writes in the same turn as that
 * commit resolves takes the same seq (it cannot have followed the other's yet), so it loses.
 */
async function otherCommitsFirst(other: Store, name: string, n: number): Promise<void> {
  other.addUnit(meta(n), { name, type: '园区' });
  await other.durable();
}

describe('a step made durably on a database shared with another instance', () => {
  it('runs again on the ledger as the other left it when the other committed first, and commits once', async () => {
    const mine = await deafInstance();
    const other = await instance();
    let runs = 0;
    await otherCommitsFirst(other, '工业园区管委会', 1);
    const unit = await durably(mine, () => {
      runs++;
      return mine.addUnit(meta(2), { name: `经济信息委${runs}`, type: '部门' });
    });
    expect(runs).toBe(2);
    expect(unit.name).toBe('经济信息委2');
    expect(mine.units().map((u) => u.name)).toEqual(['工业园区管委会', '经济信息委2']);
    await expect.poll(() => other.units().map((u) => u.name)).toEqual(['工业园区管委会', '经济信息委2']);
  });

  it('gives up with the conflict after its attempts', async () => {
    const mine = await deafInstance();
    const other = await instance();
    await otherCommitsFirst(other, '工业园区管委会', 1);
    await expect(
      durably(mine, () => mine.addUnit(meta(2), { name: '经济信息委', type: '部门' }), 1),
    ).rejects.toBeInstanceOf(StoreConflictError);
    expect(mine.units().map((u) => u.name)).toEqual(['工业园区管委会']);
  });

  it('waits for nothing when the step changed nothing', async () => {
    const store = await Store.open(new MemoryPersistence());
    let synced = 0;
    const watched = {
      seq: store.seq,
      durable: () => {
        synced++;
        return store.durable();
      },
    };
    expect(await durably(watched, () => 'nothing written')).toBe('nothing written');
    expect(synced).toBe(0);
  });

  it('throws any other refusal as it is, without running the step again', async () => {
    const store = await Store.open(new MemoryPersistence());
    let runs = 0;
    const refusing = {
      get seq() {
        return store.seq;
      },
      durable: () => Promise.reject(new Error('disk full')),
    };
    await expect(
      durably(refusing, () => {
        runs++;
        store.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
      }),
    ).rejects.toThrow('disk full');
    expect(runs).toBe(1);
  });
});
