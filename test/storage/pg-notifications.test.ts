import { describe, expect, it } from 'vitest';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { Store } from '../../storage/store.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const meta = (n: number) => ({
  actor: 'admin',
  command: 'test',
  at: new Date(Date.UTC(2023, 5, 1, 0, 0, n)),
});

const shared = sharedDatabase();

/** An instance that would take a minute to notice others' changes by polling alone. */
async function instance(): Promise<Store> {
  const store = await Store.open(new PgPersistence({ url: shared.url, pollMs: 60_000 }));
  shared.keep(store);
  return store;
}

describe('following another instance on PostgreSQL', () => {
  it('listens again after its notification session is cut, and follows within seconds, not at the next poll', async () => {
    const a = await instance();
    const b = await instance();
    expect(await shared.endListeners()).toBe(2);
    // once listening again, what was committed meanwhile is read too
    const before = a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    await a.durable();
    await expect.poll(() => b.unit(before.id)?.name, { timeout: 5_000, interval: 50 }).toBe('工业园区管委会');
    const after = a.addUnit(meta(2), { name: '经济信息委', type: '部门' });
    await a.durable();
    const t = Date.now();
    await expect.poll(() => b.unit(after.id)?.name, { timeout: 5_000, interval: 20 }).toBe('经济信息委');
    expect(Date.now() - t).toBeLessThan(1_000);
  });
});
