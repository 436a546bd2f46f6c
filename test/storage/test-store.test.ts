import { describe, expect, it } from 'vitest';
import type { Store } from '../../storage/store.ts';
import { journalOf, openTestStore, testStoreEngine, testStorePlace } from '../helpers/test-store.ts';

const meta = (n: number) => ({
  actor: 'admin',
  command: 'test',
  at: new Date(Date.UTC(2023, 5, 1, 0, 0, n)),
});

let fromEarlierTest: Store | null = null;

describe('the stores the tests run on (test/helpers/test-store.ts)', () => {
  it('give each store a ledger and a journal of its own', async () => {
    const a = await openTestStore();
    const b = await openTestStore();
    a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    b.addUnit(meta(1), { name: '经济信息委', type: '部门' });
    b.addUnit(meta(2), { name: '商务委', type: '部门' });
    expect(a.units().map((u) => u.name)).toEqual(['工业园区管委会']);
    expect((await journalOf(a)).map((r) => r.seq)).toEqual([1]);
    expect((await journalOf(b)).map((r) => r.seq)).toEqual([1, 2]);
    const place = await testStorePlace();
    const c = await place.open();
    expect(c.units()).toEqual([]);
    fromEarlierTest = a;
  });

  it.skipIf(testStoreEngine() === 'embedded')(
    'close on PostgreSQL the stores a test opened once it ends, so no test holds connections for the next',
    () => {
      expect(() => fromEarlierTest?.addUnit(meta(3), { name: '农业农村委', type: '部门' })).toThrow(
        /store is closed/,
      );
    },
  );

  it('refuse an engine they do not know', () => {
    const previous = process.env.SAIMA_TEST_STORE_ENGINE;
    process.env.SAIMA_TEST_STORE_ENGINE = 'sqlite';
    try {
      expect(() => testStoreEngine()).toThrow(/embedded or postgres, not sqlite/);
    } finally {
      if (previous === undefined) delete process.env.SAIMA_TEST_STORE_ENGINE;
      else process.env.SAIMA_TEST_STORE_ENGINE = previous;
    }
  });
});
