import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeProgress } from '../../src/race/progress-view.ts';
import { raceView } from '../../src/race/race-context.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { Store } from '../../storage/store.ts';
import { type FreshDatabase, freshDatabase } from '../helpers/postgres.ts';

let db: FreshDatabase;

beforeEach(async () => {
  db = await freshDatabase();
});

afterEach(async () => {
  await db.drop();
});

const meta = (n: number) => ({
  actor: 'admin',
  command: 'test',
  at: new Date(Date.UTC(2023, 5, 1, 0, 0, n)),
});
const NOW = new Date('2023-06-30T10:00:00+08:00');

describe('a ledger started from a PostgreSQL snapshot', () => {
  it('keeps every collection in the order its records were made, as the instance that wrote it had them', async () => {
    const a = await Store.open(new PgPersistence({ url: db.url, snapshotEvery: 1_000 }));
    // set in an order their ids do not sort in (全区|2023|市级目标|… after 全区|2023|M0|…)
    const district = { kind: 'district' as const };
    a.setTargets(meta(1), {
      scope: district,
      year: 2023,
      tier: '市级目标',
      values: [{ indicator: 'contractCount', value: 40 }],
    });
    a.setTargets(meta(2), {
      scope: district,
      year: 2023,
      tier: 'M0',
      values: [{ indicator: 'contractCount', value: 50 }],
    });
    await a.durable();
    const progress = (store: Store) =>
      renderPlainText(scopeProgress(raceView(store, NOW), { kind: 'district' }, '全区进度'));
    const tiers = a.targets().map((t) => t.tier);
    const reply = progress(a);
    expect(tiers).toEqual(['市级目标', 'M0']);
    await a.close();
    const b = await Store.open(new PgPersistence({ url: db.url }));
    try {
      expect(b.targets().map((t) => t.tier)).toEqual(tiers);
      expect(progress(b)).toBe(reply);
    } finally {
      await b.close();
    }
  });
});
