import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import type { IncomingMessage } from '../../src/core/incoming.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { frozenClock } from '../../src/time/clock.ts';
import { PgSchemaTooNewError } from '../../storage/pg/pg-migrations.ts';
import { PgPersistence, redactedUrl } from '../../storage/pg/pg-persistence.ts';
import { StoreConflictError, StoreUnreadableError } from '../../storage/save-errors.ts';
import { Store } from '../../storage/store.ts';
import { CuttingProxy } from '../helpers/cutting-proxy.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const meta = (n: number, messageKey: string | null = null) => ({
  actor: 'admin',
  command: 'test',
  at: new Date(Date.UTC(2023, 5, 1, 0, 0, n)),
  messageKey,
});

const shared = sharedDatabase();
const { closeAll, sql } = shared;

async function instance(
  options: Partial<ConstructorParameters<typeof PgPersistence>[0]> = {},
): Promise<Store> {
  return shared.keep(await Store.open(new PgPersistence({ url: shared.url, pollMs: 200, ...options })));
}

const names = (store: Store) => store.projects().map((p) => p.name);

describe('the ledger on PostgreSQL', () => {
  it('keeps what it acknowledged: a new instance on the same database reads the same ledger', async () => {
    const a = await instance();
    const unit = a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    a.registerNegotiation(meta(2), { name: '再生铝项目', unitId: unit.id, date: '2023-05-01' });
    await a.durable();
    await closeAll();
    const b = await instance();
    expect(b.seq).toBe(2);
    expect(b.unit(unit.id)?.name).toBe('工业园区管委会');
    expect(names(b)).toEqual(['再生铝项目']);
  });

  it('writes one journal row per change: seq, message key, checksum, who and when', async () => {
    const a = await instance();
    a.addUnit(meta(1, 'wecom:m-1'), { name: '工业园区管委会', type: '园区' });
    await a.durable();
    const rows = await sql<{ seq: string; message_key: string; actor: string; checksum: string }>(
      'SELECT seq, message_key, actor, checksum FROM saima_journal ORDER BY seq',
    );
    expect(rows).toEqual([
      { seq: '1', message_key: 'wecom:m-1', actor: 'admin', checksum: expect.any(String) },
    ]);
    expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to start on a journal row whose checksum does not match, and says which', async () => {
    const a = await instance();
    a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    await a.durable();
    await closeAll();
    // without a snapshot the start replays the journal from its first row
    await sql('DELETE FROM saima_snapshots');
    await sql(`UPDATE saima_journal SET record = replace(record, '工业园区', '某某园区') WHERE seq = 1`);
    await expect(instance()).rejects.toThrow(StoreUnreadableError);
    await expect(instance()).rejects.toThrow(/journal 1/);
  });

  it('starts from the newest snapshot and reads only the journal after it', async () => {
    const a = await instance({ snapshotEvery: 3 });
    const unit = a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    for (let i = 2; i <= 4; i++)
      a.registerNegotiation(meta(i), { name: `项目${i}`, unitId: unit.id, date: '2023-05-01' });
    await a.durable();
    await expect.poll(async () => (await sql('SELECT seq FROM saima_snapshots')).length).toBeGreaterThan(0);
    await closeAll();
    const [snapshot] = await sql<{ seq: string }>('SELECT max(seq) AS seq FROM saima_snapshots');
    // a row the snapshot covers is never read again: spoiling it does not stop a start
    await sql(`UPDATE saima_journal SET checksum = 'spoilt' WHERE seq = 1`);
    const b = await instance();
    expect(Number(snapshot?.seq)).toBeGreaterThanOrEqual(3);
    expect(b.seq).toBe(4);
    expect(names(b)).toEqual(['项目2', '项目3', '项目4']);
  });

  it('keeps a snapshot a record per row, each with its sum, and refuses one that was changed behind its back', async () => {
    const a = await instance();
    const unit = a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    a.registerNegotiation(meta(2), { name: '再生铝项目', unitId: unit.id, date: '2023-05-01' });
    await a.durable();
    await closeAll();
    const rows = await sql<{ collection: string; id: string }>(
      'SELECT collection, id FROM saima_snapshot_records ORDER BY collection, id',
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { collection: 'projects', id: 'P2023-001' },
        { collection: 'units', id: unit.id },
      ]),
    );
    await sql(
      `UPDATE saima_snapshot_records SET record = replace(record, '再生铝', '再生铜') WHERE collection = 'projects'`,
    );
    await expect(instance()).rejects.toThrow(/snapshot 2.*projects\/P2023-001/);
  });

  it('follows the changes another instance makes, within a second', async () => {
    const a = await instance({ pollMs: 60_000 });
    const b = await instance({ pollMs: 60_000 });
    const unit = a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    await a.durable();
    const t = Date.now();
    await expect.poll(() => b.unit(unit.id)?.name, { timeout: 1_000, interval: 20 }).toBe('工业园区管委会');
    expect(Date.now() - t).toBeLessThan(1_000);
    expect(b.seq).toBe(1);
  });

  it('when two instances take the same seq, one commits and the other is taken back and holds the first', async () => {
    const a = await instance();
    const b = await instance();
    const unit = a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    await a.durable();
    await expect.poll(() => b.seq).toBe(1);
    a.registerNegotiation(meta(2), { name: '甲项目', unitId: unit.id, date: '2023-05-01' });
    b.registerNegotiation(meta(3), { name: '乙项目', unitId: unit.id, date: '2023-05-01' });
    const outcomes = await Promise.all(
      [a.durable(), b.durable()].map((p) =>
        p.then(
          () => 'ok',
          (e) => e,
        ),
      ),
    );
    const lost = outcomes.filter((o) => o instanceof StoreConflictError);
    expect(lost).toHaveLength(1);
    const [winner, loser] = outcomes[0] === 'ok' ? [a, b] : [b, a];
    const kept = winner === a ? '甲项目' : '乙项目';
    const dropped = winner === a ? '乙项目' : '甲项目';
    expect(loser.seq).toBe(2);
    expect(names(loser)).toEqual([kept]);
    expect(names(loser)).not.toContain(dropped);
    expect(await sql('SELECT seq FROM saima_journal')).toHaveLength(2);
  });

  it('never shows the password: not in describe, not in the start-up log line', async () => {
    expect(redactedUrl('postgres://saima:s3cret@db.example:5432/saima')).not.toContain('s3cret');
    const a = await instance();
    expect(a.describe()).toContain('127.0.0.1');
  });

  it('refuses a database a newer version has migrated', async () => {
    const a = await instance();
    await closeAll();
    expect(a.seq).toBe(0);
    await sql('INSERT INTO saima_migrations (version) VALUES (999)');
    await expect(instance()).rejects.toThrow(PgSchemaTooNewError);
  });
});

describe('a commit whose connection is cut', () => {
  let proxy: CuttingProxy;
  const viaProxy = () => {
    const url = new URL(shared.url);
    url.port = String(proxy.port);
    return url.toString();
  };

  beforeEach(async () => {
    const url = new URL(shared.url);
    proxy = await CuttingProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
  });

  afterEach(async () => {
    await closeAll();
    await proxy.close();
  });

  it('after the statement reached the server: the change committed, and it is acknowledged once', async () => {
    const a = await instance({ url: viaProxy() });
    const unit = a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    await a.durable();
    proxy.cutAt('INSERT INTO saima_journal', 'after');
    a.registerNegotiation(meta(2), { name: '再生铝项目', unitId: unit.id, date: '2023-05-01' });
    await expect(a.durable()).resolves.toBeUndefined();
    expect(proxy.cuts).toBe(1);
    expect(names(a)).toEqual(['再生铝项目']);
    expect(await sql('SELECT seq FROM saima_journal')).toHaveLength(2);
    a.registerNegotiation(meta(3), { name: '食品加工项目', unitId: unit.id, date: '2023-05-02' });
    await a.durable();
    await closeAll();
    expect(names(await instance())).toEqual(['再生铝项目', '食品加工项目']);
  });

  it('before the statement reached the server: the change is taken back and refused, and the next one lands', async () => {
    const a = await instance({ url: viaProxy() });
    const unit = a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    await a.durable();
    proxy.cutAt('INSERT INTO saima_journal', 'before');
    a.registerNegotiation(meta(2), { name: '再生铝项目', unitId: unit.id, date: '2023-05-01' });
    await expect(a.durable()).rejects.toThrow(StoreConflictError);
    expect(names(a)).toEqual([]);
    expect(a.seq).toBe(1);
    a.registerNegotiation(meta(3), { name: '食品加工项目', unitId: unit.id, date: '2023-05-02' });
    await a.durable();
    expect(await sql('SELECT seq FROM saima_journal')).toHaveLength(2);
    await closeAll();
    expect(names(await instance())).toEqual(['食品加工项目']);
  });
});

describe('two bots on one database', () => {
  const clock = frozenClock(new Date('2023-06-10T10:00:00+08:00'));
  const botOn = (store: Store) => buildBot({ store, clock, admins: ['admin'], logger: silentLogger });
  const message = (id: string, text: string, senderId = 'admin'): IncomingMessage => ({
    platform: 'wecom',
    messageId: id,
    chatId: null,
    chatType: 'single',
    senderId,
    text,
  });

  async function district(): Promise<[Store, Store]> {
    const a = await instance();
    const admin = botOn(a);
    for (const text of [
      '添加单位 工业园区管委会 类型园区',
      '添加成员 李四 账号lisi 单位工业园区管委会 角色成员',
    ])
      await admin.answerDurably(message(`setup-${text}`, text));
    const b = await instance();
    return [a, b];
  }

  it('handles a message the platform delivered to both exactly once', async () => {
    const [a, b] = await district();
    const text = '登记在谈 再生铝项目 日期2023-06-01';
    const answers = await Promise.all(
      [a, b].map((s) =>
        botOn(s)
          .answerDurably(message('dup-1', text, 'lisi'))
          .then(renderPlainText),
      ),
    );
    expect(answers.filter((t) => t.includes('已登记在谈'))).toHaveLength(1);
    expect(answers.filter((t) => t.includes('这条消息已经处理过'))).toHaveLength(1);
    const rows = await sql<{ message_key: string }>(
      `SELECT message_key FROM saima_journal WHERE message_key = 'wecom:dup-1'`,
    );
    expect(rows).toHaveLength(1);
  });

  it('lands two members reporting at once through two instances, both, in one order', async () => {
    const [a, b] = await district();
    const [one, two] = await Promise.all([
      botOn(a)
        .answerDurably(message('x-1', '登记在谈 甲项目 日期2023-06-01', 'lisi'))
        .then(renderPlainText),
      botOn(b)
        .answerDurably(message('x-2', '登记在谈 乙项目 日期2023-06-02', 'lisi'))
        .then(renderPlainText),
    ]);
    expect(one).toContain('已登记在谈');
    expect(two).toContain('已登记在谈');
    await expect.poll(() => [a.seq, b.seq]).toEqual([4, 4]);
    for (const store of [a, b]) {
      expect(names(store).sort()).toEqual(['乙项目', '甲项目'].sort());
    }
  });
});
