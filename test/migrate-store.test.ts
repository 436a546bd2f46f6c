import { appendFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { QueryResultRow } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBot } from '../src/compose.ts';
import { silentLogger } from '../src/core/logger.ts';
import { exportOpenStore } from '../src/ledger-export.ts';
import { type MigrateStoreOptions, migrateStore } from '../src/migrate-store.ts';
import { everyIndicator } from '../src/race/every-indicator.ts';
import { renderPlainText } from '../src/render/plain-text.ts';
import { SHEET_NAMES } from '../src/workbook/columns.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import { encodeJournalLine } from '../storage/journal-line.ts';
import type { JournalRecord } from '../storage/journal-record.ts';
import type { Persistence } from '../storage/persistence.ts';
import { PgPersistence } from '../storage/pg/pg-persistence.ts';
import { StoreUnreadableError } from '../storage/save-errors.ts';
import { Store } from '../storage/store.ts';
import { JournalGapError, MigrationRefusedError, openLedger } from '../storage/store-migration.ts';
import { pgStreamState, removePgStream } from '../storage/store-migration-pg.ts';
import { demoDataDir, filesOf, livedInDataDir, tempDir } from './helpers/district-data-dirs.ts';
import { type FreshDatabase, freshDatabase, queryRows } from './helpers/postgres.ts';
import { readWorkbook, sheet, valuesOf } from './helpers/workbook.ts';

let db: FreshDatabase;

beforeEach(async () => {
  db = await freshDatabase();
});

afterEach(async () => {
  await db.drop();
});

const move = (to: MigrateStoreOptions['to'], dataDir: string, today: string, stream = 'district') =>
  migrateStore({ to, dataDir, databaseUrl: db.url, stream, today });

const sql = <T extends QueryResultRow>(text: string, values: unknown[] = []) =>
  queryRows<T>(db.url, text, values);

/** A ledger as a reader sees it, through its own engine: the seq, the records, the race and the 变更记录. */
async function seenThrough(persistence: Persistence, today: string) {
  const { store, document } = await openLedger(persistence);
  try {
    const { bytes } = await exportOpenStore(store, () => persistence.records(), {
      year: Number(today.slice(0, 4)),
      asOf: today,
      unitId: null,
      districtName: null,
    });
    const audit = valuesOf(sheet(await readWorkbook(bytes), SHEET_NAMES.audit));
    return {
      seq: document.seq,
      document: structuredClone(document),
      indicators: everyIndicator(store, today),
      audit,
    };
  } finally {
    await store.close();
  }
}

describe('npm run migrate-store, a district that has lived a while', () => {
  it('moves into PostgreSQL and back with the seq, every record, every indicator and the 变更记录 equal, and leaves the data directory as it was', async () => {
    const { dir, seq } = await livedInDataDir();
    const today = '2023-06-30';
    const before = filesOf(dir);

    const there = await move('postgres', dir, today);
    expect(there.seq).toBe(seq);
    expect(there.records).toBe(seq);
    expect(there.legacy).toBe(1);
    expect(there.counts.projects).toBe(4);
    expect(there.indicators).toContain('2023年6月晾晒');
    expect(filesOf(dir)).toEqual(before);

    const back = join(tempDir(), 'back');
    const returned = await move('files', back, today);
    expect(returned.seq).toBe(seq);
    expect(returned.records).toBe(seq);

    const source = await seenThrough(new FilePersistence(dir), today);
    const database = await seenThrough(new PgPersistence({ url: db.url }), today);
    const files = await seenThrough(new FilePersistence(back), today);
    expect(source.audit.length).toBeGreaterThan(20);
    expect(source.audit.some((row) => JSON.stringify(row).includes('老城街道'))).toBe(true);
    for (const moved of [database, files]) {
      expect(moved.seq).toBe(source.seq);
      expect(moved.document).toEqual(source.document);
      expect(moved.indicators).toEqual(source.indicators);
      expect(moved.audit).toEqual(source.audit);
    }
  });

  it('keeps both records of a message id sent again after the ledger forgot it, the unique key on the first', async () => {
    const { dir } = await livedInDataDir();
    await move('postgres', dir, '2023-06-30');
    const rows = await sql<{ seq: string; message_key: string | null; key: string }>(
      `SELECT seq, message_key, record::json->>'messageKey' AS key FROM saima_journal
        WHERE record::json->>'messageKey' = 'test:m-7' ORDER BY seq`,
    );
    expect(rows.map((r) => [r.key, r.message_key])).toEqual([
      ['test:m-7', 'test:m-7'],
      ['test:m-7', null],
    ]);
  });
});

describe('npm run migrate-store, the demo district', () => {
  const now = new Date('2026-11-29T10:00:00+08:00');
  const today = '2026-11-29';

  it('moves into PostgreSQL, where a bot answers as before and goes on from the same seq, and back', async () => {
    const { dir, seq } = await demoDataDir(now);
    const there = await move('postgres', dir, today);
    expect(there.seq).toBe(seq);
    expect(there.indicators.filter((n) => n.endsWith('晾晒'))).toHaveLength(11);

    const answers = async (store: Store) => {
      const bot = buildBot({ store, clock: { now: () => now }, admins: ['qianjin'], logger: silentLogger });
      const ask = (text: string) =>
        renderPlainText(
          bot.handle({
            platform: 'test',
            messageId: null,
            chatId: null,
            chatType: 'single',
            senderId: 'qianjin',
            text,
          }),
        );
      return ['本月晾晒', '全区进度', '上半年总结', '签约未开工'].map(ask);
    };
    const fromFiles = await Store.open(new FilePersistence(dir));
    const expected = await answers(fromFiles);
    await fromFiles.close();
    const fromDatabase = await Store.open(new PgPersistence({ url: db.url }));
    expect(await answers(fromDatabase)).toEqual(expected);
    fromDatabase.addUnit(
      { actor: 'qianjin', command: 'add-unit', at: now },
      { name: '新设园区', type: '园区' },
    );
    await fromDatabase.durable();
    expect(fromDatabase.seq).toBe(seq + 1);
    await fromDatabase.close();

    const back = join(tempDir(), 'back');
    const returned = await move('files', back, today);
    expect(returned.seq).toBe(seq + 1);
    const source = await seenThrough(new PgPersistence({ url: db.url }), today);
    const files = await seenThrough(new FilePersistence(back), today);
    expect(files.document).toEqual(source.document);
    expect(files.indicators).toEqual(source.indicators);
    expect(files.audit).toEqual(source.audit);
    expect(files.audit.length).toBeGreaterThan(100);
  });
});

describe('npm run migrate-store refuses, writing nothing', () => {
  it('a database stream that already holds a ledger', async () => {
    const first = await livedInDataDir();
    await move('postgres', first.dir, '2023-06-30');
    const [rowsBefore] = await sql('SELECT count(*) AS n, max(seq) AS last FROM saima_journal');
    const second = await demoDataDir(new Date('2026-11-29T10:00:00+08:00'));
    await expect(move('postgres', second.dir, '2026-11-29')).rejects.toThrow(MigrationRefusedError);
    await expect(move('postgres', second.dir, '2026-11-29')).rejects.toThrow(/已经有台账 district/);
    expect(await sql('SELECT count(*) AS n, max(seq) AS last FROM saima_journal')).toEqual([rowsBefore]);
    // another stream of the same database is empty: the second district goes there
    expect((await move('postgres', second.dir, '2026-11-29', 'second')).seq).toBe(second.seq);
  });

  it('a data directory that holds anything', async () => {
    const { dir } = await livedInDataDir();
    await move('postgres', dir, '2023-06-30');
    const target = tempDir();
    appendFileSync(join(target, 'notes.txt'), '别的东西\n');
    const before = filesOf(target);
    await expect(move('files', target, '2023-06-30')).rejects.toThrow(/不是空的（有 notes\.txt）/);
    expect(filesOf(target)).toEqual(before);
  });

  it('a data directory a running bot holds: the bot would go on taking reports the database never gets', async () => {
    const { dir } = await livedInDataDir();
    const running = await Store.open(new FilePersistence(dir));
    try {
      await expect(move('postgres', dir, '2023-06-30')).rejects.toThrow(/先停止机器人/);
    } finally {
      await running.close();
    }
    expect(await pgStreamState(db.url, 'district')).toEqual({ journalRows: 0, lastSeq: null, snapshots: 0 });
  });

  it('a data directory that does not exist, and a database without the district', async () => {
    await expect(move('postgres', join(tempDir(), 'nothing'), '2023-06-30')).rejects.toThrow(/不存在/);
    await expect(move('files', join(tempDir(), 'back'), '2023-06-30')).rejects.toThrow(/没有台账可搬/);
    await expect(
      migrateStore({
        to: 'postgres',
        dataDir: tempDir(),
        databaseUrl: null,
        stream: 'district',
        today: '2023-06-30',
      }),
    ).rejects.toThrow(/没有设置 SAIMA_DATABASE_URL/);
  });
});

describe('npm run migrate-store fails whole', () => {
  it('a bad record deep in the journal rolls the whole transaction back: the stream stays empty', async () => {
    const { dir, seq } = await livedInDataDir();
    const store = await Store.open(new FilePersistence(dir));
    const unit = store.units()[0]?.id as string;
    const meta = {
      actor: 'admin',
      command: 'register-negotiation',
      at: new Date('2023-06-21T10:00:00+08:00'),
    };
    // past the first batch of 500 rows: the failure comes after rows were inserted in the transaction
    for (let i = 0; i < 600; i++)
      store.registerNegotiation(meta, { name: `批量项目${i}`, unitId: unit, date: '2023-06-21' });
    await store.durable();
    const last = store.seq;
    await store.close();
    expect(last).toBe(seq + 600);
    const bad: JournalRecord = {
      v: 7,
      seq: last + 1,
      at: '不是时间',
      actor: 'admin',
      messageKey: null,
      text: null,
      command: 'test',
      summary: '',
      ops: [],
    };
    appendFileSync(join(dir, 'journal.jsonl'), encodeJournalLine(bad));
    await expect(move('postgres', dir, '2023-06-30')).rejects.toThrow(/不是时间/);
    expect(await pgStreamState(db.url, 'district')).toEqual({ journalRows: 0, lastSeq: null, snapshots: 0 });
  });

  it('a journal that lacks a change is not moved: the database keeps whole histories only', async () => {
    const { dir } = await livedInDataDir();
    const archive = join(dir, 'journal-archive');
    const [first] = readdirSync(archive).sort();
    rmSync(join(archive, first as string));
    await expect(move('postgres', dir, '2023-06-30')).rejects.toThrow(JournalGapError);
    await expect(move('postgres', dir, '2023-06-30')).rejects.toThrow(/缺少第 1 条变更/);
    expect(await pgStreamState(db.url, 'district')).toEqual({ journalRows: 0, lastSeq: null, snapshots: 0 });
  });

  it('a journal row the database cannot vouch for stops the move back half-way, and leaves no data directory', async () => {
    const { dir } = await livedInDataDir();
    await move('postgres', dir, '2023-06-30');
    // a row the snapshot covers: the engine starts without reading it, the move reads it to copy it
    await sql(`UPDATE saima_journal SET checksum = 'spoilt' WHERE seq = 12`);
    const back = join(tempDir(), 'back');
    await expect(move('files', back, '2023-06-30')).rejects.toThrow(StoreUnreadableError);
    expect(existsSync(back)).toBe(false);
    expect(readdirSync(dirname(back))).toEqual([]);
  });
});

describe('npm run migrate-store back from a database an instance still writes to', () => {
  it('writes no data directory, and says an instance is still running', async () => {
    const { dir } = await livedInDataDir();
    await move('postgres', dir, '2023-06-30');
    const instance = await Store.open(new PgPersistence({ url: db.url }));
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        instance.addUnit(
          { actor: 'admin', command: 'add-unit', at: new Date() },
          { name: `新设单位${i}`, type: '其他' },
        );
        await instance.durable();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const back = join(tempDir(), 'back');
    try {
      await expect(move('files', back, '2023-06-30')).rejects.toThrow(/还有机器人实例连着这个台账在运行/);
    } finally {
      writing = false;
      await writer;
      await instance.close();
    }
    expect(existsSync(back)).toBe(false);
    expect(readdirSync(dirname(back))).toEqual([]);
  });
});

describe('a move whose copy does not compare equal', () => {
  it('is taken back from the database while it holds only what the move wrote', async () => {
    const { dir, seq } = await livedInDataDir();
    await move('postgres', dir, '2023-06-30');
    expect(await removePgStream(db.url, 'district', seq, seq)).toBe(true);
    expect(await pgStreamState(db.url, 'district')).toEqual({ journalRows: 0, lastSeq: null, snapshots: 0 });
  });

  it('is left alone once an instance has written to it', async () => {
    const { dir, seq } = await livedInDataDir();
    await move('postgres', dir, '2023-06-30');
    const store = await Store.open(new PgPersistence({ url: db.url }));
    store.addUnit(
      { actor: 'admin', command: 'add-unit', at: new Date() },
      { name: '新设园区', type: '园区' },
    );
    await store.durable();
    await store.close();
    expect(await removePgStream(db.url, 'district', seq, seq)).toBe(false);
    expect((await pgStreamState(db.url, 'district')).lastSeq).toBe(seq + 1);
  });
});
