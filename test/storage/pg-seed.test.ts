import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { PgStreamInUseError, seedPgStream } from '../../storage/pg/pg-seed.ts';
import { emptyDocument, type StoreDocument } from '../../storage/schema.ts';
import { Store } from '../../storage/store.ts';
import { type FreshDatabase, freshDatabase } from '../helpers/postgres.ts';

const meta = (n: number) => ({
  actor: 'admin',
  command: 'test',
  at: new Date(Date.UTC(2023, 5, 1, 0, 0, n)),
});

let db: FreshDatabase;
const open: Store[] = [];

async function storeOn(stream?: string): Promise<Store> {
  const store = await Store.open(new PgPersistence({ url: db.url, ...(stream ? { stream } : {}) }));
  open.push(store);
  return store;
}

async function journalSeqs(stream: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: string }>(
      'SELECT seq FROM saima_journal WHERE stream = $1 ORDER BY seq',
      [stream],
    );
    return rows.map((r) => Number(r.seq));
  } finally {
    await client.end();
  }
}

/** A district of one unit, as another store built it, at change 7. */
function districtDocument(): StoreDocument {
  const doc = emptyDocument();
  doc.seq = 7;
  doc.units.U001 = {
    id: 'U001',
    name: '工业园区管委会',
    type: '园区',
    createdAt: '2023-06-01T10:00:00.000+08:00',
  };
  doc.counters.unit = { id: 'unit', value: 1 };
  return doc;
}

beforeEach(async () => {
  db = await freshDatabase();
});

async function closeAll(): Promise<void> {
  for (const store of open.splice(0)) await store.close();
}

afterEach(async () => {
  await closeAll();
  await db.drop();
});

describe('starting a PostgreSQL journal stream from a document', () => {
  it('opens on the document, and the journal goes on from the change after it', async () => {
    await seedPgStream(db.url, districtDocument());
    const store = await storeOn();
    expect(store.seq).toBe(7);
    expect(store.unit('U001')?.name).toBe('工业园区管委会');
    store.addUnit(meta(1), { name: '经济信息委', type: '部门' });
    await store.durable();
    expect(store.seq).toBe(8);
    expect(await journalSeqs('district')).toEqual([8]);
    await closeAll();
    const again = await storeOn();
    expect(again.units().map((u) => u.name)).toEqual(['工业园区管委会', '经济信息委']);
  });

  it('refuses a stream that holds a change already, and leaves it as it was', async () => {
    const store = await storeOn('east');
    store.addUnit(meta(1), { name: '经济信息委', type: '部门' });
    await store.durable();
    await expect(seedPgStream(db.url, districtDocument(), 'east')).rejects.toThrow(PgStreamInUseError);
    await closeAll();
    const again = await storeOn('east');
    expect(again.seq).toBe(1);
    expect(again.units().map((u) => u.name)).toEqual(['经济信息委']);
  });

  it('refuses a stream started from a document already, so a ledger is never replaced', async () => {
    await seedPgStream(db.url, districtDocument(), 'east');
    await expect(seedPgStream(db.url, emptyDocument(), 'east')).rejects.toThrow(/east/);
  });

  it('starts one stream beside another without touching it', async () => {
    const west = await storeOn('west');
    west.addUnit(meta(1), { name: '经济信息委', type: '部门' });
    await west.durable();
    await seedPgStream(db.url, districtDocument(), 'east');
    const east = await storeOn('east');
    expect(east.units().map((u) => u.name)).toEqual(['工业园区管委会']);
    expect(west.units().map((u) => u.name)).toEqual(['经济信息委']);
  });
});
