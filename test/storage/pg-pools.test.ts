import { describe, expect, it } from 'vitest';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { Store } from '../../storage/store.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const shared = sharedDatabase();

/** The test database's sessions other than the one asking, those waiting for notifications apart. */
async function sessions(): Promise<{ listening: number; pooled: number }> {
  const rows = await shared.sql<{ listening: boolean }>(
    `SELECT query LIKE 'LISTEN %' AS listening FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
  return {
    listening: rows.filter((r) => r.listening).length,
    pooled: rows.filter((r) => !r.listening).length,
  };
}

describe('the ledgers of one process on one database', () => {
  it('draw on one pool: twelve districts and the city writing in turn keep under half the connections a pool each kept, plus one listener each', async () => {
    const streams = ['city', ...Array.from({ length: 12 }, (_, i) => `district:d${i + 1}`)];
    const stores: Store[] = [];
    for (const stream of streams)
      stores.push(shared.keep(await Store.open(new PgPersistence({ url: shared.url, stream }))));
    // one district after another, as the day's messages come
    for (const [i, store] of stores.entries()) {
      store.addUnit({ actor: 'admin', command: 'test', at: new Date() }, { name: `单位${i}`, type: '园区' });
      await store.durable();
    }
    const { listening, pooled } = await sessions();
    expect(listening).toBe(streams.length);
    // before ledgers shared a pool, each kept its own: 13 at the least. Shared, it is the pool's first
    // 4 and, on a loaded machine, a connection or two still being opened or closed around them
    expect(pooled).toBeLessThanOrEqual(6);
  });

  it('ends the pool only when the last ledger on it closes', async () => {
    const a = await Store.open(new PgPersistence({ url: shared.url, stream: 'district:a' }));
    const b = shared.keep(await Store.open(new PgPersistence({ url: shared.url, stream: 'district:b' })));
    await a.close();
    b.addUnit({ actor: 'admin', command: 'test', at: new Date() }, { name: '工业园区管委会', type: '园区' });
    await expect(b.durable()).resolves.toBeUndefined();
  });
});
