import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refuseUnmoved } from '../../src/cli-district.ts';
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

/** A ledger on `stream` with one unit in it. */
async function ledgerOn(stream: string): Promise<void> {
  const store = await Store.open(new PgPersistence({ url: db.url, stream }));
  store.addUnit(
    { actor: 'admin', command: 'test', at: new Date() },
    { name: '工业园区管委会', type: '园区' },
  );
  await store.durable();
  await store.close();
}

const districts = (...codes: string[]) => ({
  SAIMA_DISTRICTS: codes.map((id) => ({ id, name: `${id}区`, admins: [] })),
  SAIMA_DATABASE_URL: db.url,
});
const dataDir = () => mkdtempSync(join(tmpdir(), 'saima-unmoved-'));

describe('a many-district start on a database', () => {
  it('goes ahead on a database no saima has used', async () => {
    await expect(refuseUnmoved(districts('gaoxin'), dataDir())).resolves.toBeUndefined();
  });

  it('refuses while only the one-district stream holds a ledger', async () => {
    await ledgerOn('district');
    await expect(refuseUnmoved(districts('gaoxin', 'jingkai'), dataDir())).rejects.toThrow(/日志流 district/);
  });

  it('goes ahead once a configured district holds the moved ledger: the old stream is only old', async () => {
    await ledgerOn('district');
    await ledgerOn('district:jingkai');
    await expect(refuseUnmoved(districts('gaoxin', 'jingkai'), dataDir())).resolves.toBeUndefined();
  });

  it('still refuses when the only district stream with data is one the deployment no longer names', async () => {
    await ledgerOn('district');
    await ledgerOn('district:old');
    await expect(refuseUnmoved(districts('gaoxin'), dataDir())).rejects.toThrow(/日志流 district/);
  });
});
