import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { type FsOps, nodeFs } from '../../storage/fs-ops.ts';
import { journalRecords } from '../../storage/journal-audit.ts';
import { encodeJournalLine } from '../../storage/journal-line.ts';
import type { JournalRecord } from '../../storage/journal-record.ts';
import { SCHEMA_VERSION } from '../../storage/schema.ts';
import { Store } from '../../storage/store.ts';
import { chatReceiver } from '../helpers/chat-receiver.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'saima-journal-'));
const at = (minute: number) => new Date(Date.UTC(2023, 5, 1, 2, minute));
const meta = (minute = 0, actor = 'admin') => ({ actor, command: 'test', at: at(minute) });

async function allRecords(dir: string): Promise<JournalRecord[]> {
  const out: JournalRecord[] = [];
  for await (const r of journalRecords(dir)) out.push(r as JournalRecord);
  return out;
}

/** A file system that counts syncs, and fails the next ones when told. */
function countingDisk() {
  let syncs = 0;
  let failing = 0;
  const ops: FsOps = {
    ...nodeFs,
    fdatasync: async (fd) => {
      syncs++;
      // a sync takes a moment, as on a real disk: messages arriving meanwhile wait for the next one
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failing > 0) {
        failing--;
        throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
      }
      await nodeFs.fdatasync(fd);
    },
  };
  return { ops, syncs: () => syncs, failNext: () => failing++ };
}

async function districtOn(dir: string, fs: FsOps = nodeFs, options = {}) {
  const store = await Store.open(new FilePersistence(dir, { fs, ...options }));
  return { store, receive: chatReceiver(store) };
}

async function signedOn(dir: string, fs: FsOps = nodeFs, options = {}) {
  const d = await districtOn(dir, fs, options);
  await d.receive('添加单位 工业园区管委会 园区', 'admin');
  await d.receive('添加成员 李四 账号lisi 单位工业园区管委会', 'admin');
  expect(await d.receive('登记签约 再生铝项目 合同额12亿 正式合同 日期2023-05-20')).toMatch(/已登记签约/);
  return d;
}

describe('group commit', () => {
  it('shares one sync among messages that arrive together, and answers none before its sync', async () => {
    const dir = tempDir();
    const disk = countingDisk();
    const d = await signedOn(dir, disk.ops);
    const before = disk.syncs();
    const answers = await Promise.all(
      // within one member's flood limit (30 a minute)
      Array.from({ length: 25 }, (_, i) => d.receive(`到位资金 再生铝项目 ${i + 1}万 凭证银行回单`)),
    );
    expect(answers.every((a) => /已登记到位资金/.test(a))).toBe(true);
    // the first message syncs alone; what arrived while it ran shares the next sync. Messages are
    // read in 10 ms slices (TurnBudget), so a loaded machine needs a few more: 25 alone would be 25
    expect(disk.syncs() - before).toBeLessThanOrEqual(5);
    await d.store.close();
    const reopened = await Store.open(new FilePersistence(dir));
    expect(reopened.project('P2023-001')?.instalments).toHaveLength(25);
    await reopened.close();
  });

  it('takes back every change of a refused sync: all of them are answered unsaved, none comes back', async () => {
    const dir = tempDir();
    const disk = countingDisk();
    const d = await signedOn(dir, disk.ops);
    disk.failNext();
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => d.receive(`到位资金 再生铝项目 ${i + 1}万 凭证银行回单`)),
    );
    expect(answers.some((a) => /已登记到位资金/.test(a))).toBe(false);
    expect(d.store.project('P2023-001')?.instalments).toEqual([]);
    // the store goes on: the next report is stored, under the number the refused ones did not keep
    expect(await d.receive('到位资金 再生铝项目 7万 凭证银行回单')).toMatch(/已登记到位资金/);
    await d.store.close();
    const reopened = await Store.open(new FilePersistence(dir));
    expect(reopened.project('P2023-001')?.instalments.map((i) => [i.id, i.amountWan])).toEqual([
      ['P2023-001-F1', 7],
    ]);
    await reopened.close();
  });
});

describe('rotation and the archive', () => {
  it('starts from the snapshot and the short journal after it; the archive keeps every record for the audit', async () => {
    const dir = tempDir();
    const d = await signedOn(dir, nodeFs, { snapshotEvery: 5, rotateAtBytes: 0 });
    for (let i = 0; i < 12; i++) await d.receive(`进度 再生铝项目 第${i}次调度，正在办理规划许可`);
    await d.store.close();
    const archived = readdirSync(join(dir, 'journal-archive'));
    expect(archived.length).toBeGreaterThan(0);
    expect(archived.every((f) => f.endsWith('.jsonl.gz'))).toBe(true);
    expect(statSync(join(dir, 'journal.jsonl')).size).toBe(0);
    const records = await allRecords(dir);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(records.filter((r) => r.text?.startsWith('进度'))).toHaveLength(12);
  });

  it('rebuilds the whole ledger from the archived journal alone when the snapshot is lost', async () => {
    const dir = tempDir();
    const d = await signedOn(dir, nodeFs, { snapshotEvery: 3, rotateAtBytes: 0 });
    for (let i = 0; i < 7; i++) await d.receive(`到位资金 再生铝项目 ${i + 1}万 凭证银行回单`);
    await d.store.close();
    const kept = await Store.open(new FilePersistence(dir));
    const expected = { seq: kept.seq, project: kept.project('P2023-001') };
    await kept.close();
    rmSync(join(dir, 'saima.json'));
    const rebuilt = await Store.open(new FilePersistence(dir));
    expect({ seq: rebuilt.seq, project: rebuilt.project('P2023-001') }).toEqual(expected);
    await rebuilt.close();
  });
});

describe('a data directory written before v6', () => {
  it('replays whole-record lines, keeps 撤销 working on them, and archives them with a backup of the snapshot', async () => {
    const dir = tempDir();
    const unit = {
      id: 'U001',
      name: '工业园区管委会',
      type: '园区',
      createdAt: '2023-06-01T10:00:00.000+08:00',
    };
    const empty = Object.fromEntries(
      ['units', 'members', 'projects', 'trips', 'targets', 'challenges', 'honours', 'bindings', 'settings']
        .concat(['chains', 'pushRuns', 'outbox', 'counters', 'messages', 'changes', 'conversations'])
        .map((c) => [c, {}]),
    );
    writeFileSync(
      join(dir, 'saima.json'),
      JSON.stringify({ schemaVersion: 5, seq: 0, journalBytes: 0, ...empty }),
    );
    const v5 = {
      v: 5,
      seq: 1,
      at: unit.createdAt,
      actor: 'admin',
      messageKey: 'test:old-1',
      text: '添加单位 工业园区管委会 园区',
      command: '添加单位',
      summary: '添加单位 工业园区管委会',
      before: [{ c: 'units', id: 'U001', v: null }],
      puts: [
        { c: 'units', id: 'U001', v: unit },
        {
          c: 'changes',
          id: '1',
          v: {
            id: '1',
            seq: 1,
            at: unit.createdAt,
            actor: 'admin',
            command: '添加单位',
            summary: '添加单位 工业园区管委会',
            before: [{ c: 'units', id: 'U001', v: null }],
            after: [{ c: 'units', id: 'U001', v: unit }],
            undoneBy: null,
          },
        },
      ],
    };
    writeFileSync(join(dir, 'journal.jsonl'), encodeJournalLine(v5 as unknown as JournalRecord));
    const store = await Store.open(new FilePersistence(dir));
    expect(store.units().map((u) => u.name)).toEqual(['工业园区管委会']);
    expect(existsSync(join(dir, 'saima.json.v5.bak'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'saima.json'), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
    expect(readdirSync(join(dir, 'journal-archive'))).toEqual(['journal.000000000001-000000000001.jsonl.gz']);
    expect(statSync(join(dir, 'journal.jsonl')).size).toBe(0);
    // the change made before the upgrade can still be taken back
    store.undoLast(
      { actor: 'admin', command: '撤销', at: new Date('2023-06-01T11:00:00+08:00') },
      24 * 3600_000,
    );
    expect(store.units()).toEqual([]);
    await store.close();
    const records = await allRecords(dir);
    expect(records.map((r) => r.seq)).toEqual([1, 2]);
    expect(records[0]).toHaveProperty('puts');
    expect(records[1]?.ops).toContainEqual(expect.objectContaining({ c: 'units', id: 'U001', del: true }));
  });
});

describe('a snapshot written while the bot goes on', () => {
  it('holds the ledger as it was when the snapshot began, not the changes made while it was written', async () => {
    const dir = tempDir();
    const persistence = new FilePersistence(dir, { snapshotEvery: 1e9, snapshotAfterMs: 3_600_000 });
    const store = await Store.open(persistence);
    const unit = store.addUnit(meta(), { name: '工业园区管委会', type: '园区' });
    const ids = Array.from(
      { length: 300 },
      (_, i) =>
        store.registerNegotiation(meta(1), { name: `项目${i}`, unitId: unit.id, date: '2023-06-01' }).id,
    );
    const seqAtStart = store.seq;
    const writing = persistence.flush();
    // the snapshot is being written in slices: these land in the ledger meanwhile
    for (const id of ids) store.addProgressNote(meta(2), id, '正在办理规划许可');
    await writing;
    const written = JSON.parse(readFileSync(join(dir, 'saima.json'), 'utf8'));
    expect(written.seq).toBe(seqAtStart);
    expect(Object.values(written.projects).every((p) => (p as { notes: unknown[] }).notes.length === 0)).toBe(
      true,
    );
    await store.close();
    const reopened = await Store.open(new FilePersistence(dir));
    expect(reopened.project(ids[299] as string)?.notes).toHaveLength(1);
    await reopened.close();
  });
});

describe('a small journal', () => {
  it('is not rotated for every snapshot: a console writing one change at a time leaves no archive per change', async () => {
    const dir = tempDir();
    for (let i = 0; i < 3; i++) {
      const store = await Store.open(new FilePersistence(dir));
      store.addUnit(meta(i), { name: `单位${i}`, type: '部门' });
      await store.close();
    }
    expect(existsSync(join(dir, 'journal-archive'))).toBe(false);
    const reopened = await Store.open(new FilePersistence(dir));
    expect(reopened.units()).toHaveLength(3);
    expect(reopened.seq).toBe(3);
    await reopened.close();
    expect((await allRecords(dir)).map((r) => r.seq)).toEqual([1, 2, 3]);
  });
});
