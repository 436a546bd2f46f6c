import { describe, expect, it } from 'vitest';
import { readLedgerWorkbook } from '../../../src/workbook/import/read-ledger-workbook.ts';
import { runLedgerImport } from '../../../src/workbook/import/run-ledger-import.ts';
import { PgPersistence } from '../../../storage/pg/pg-persistence.ts';
import { Store } from '../../../storage/store.ts';
import { ALUMINIUM, messyLedger } from '../../helpers/bureau-workbook.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { sharedDatabase } from '../../helpers/shared-database.ts';

const shared = sharedDatabase();

describe('导入台账 on one of two instances of a database', () => {
  it('is checked and written again when another instance committed first, and lands once', async () => {
    const mine: Conversation = await smallDistrict({
      now: '2023-06-30T10:00:00+08:00',
      persistence: new PgPersistence({ url: shared.url, pollMs: 60_000 }),
    });
    shared.keep(mine.store);
    await mine.store.durable();
    const other = await Store.open(new PgPersistence({ url: shared.url, pollMs: 60_000 }));
    shared.keep(other);
    const read = await readLedgerWorkbook(await messyLedger([ALUMINIUM]), '台账.xlsx');
    other.addUnit({ actor: 'admin', command: 'test', at: new Date() }, { name: '商务委', type: '部门' });
    await other.durable();
    // in the turn the other's commit is known, this instance cannot have followed it: same seq, lost
    const outcome = await runLedgerImport(
      { store: mine.store, admins: new Set(['admin']), clock: mine.clock },
      { as: 'admin', input: read.input, dryRun: false },
    );
    expect(outcome).toMatchObject({ kind: 'written', added: [{ id: 'P2023-001' }] });
    for (const store of [mine.store, other])
      await expect
        .poll(() => ({
          projects: store.projects().map((p) => p.name),
          units: store.units().map((u) => u.name),
        }))
        .toEqual({ projects: ['年产30万吨再生铝项目'], units: ['工业园区管委会', '经济信息委', '商务委'] });
  });
});
