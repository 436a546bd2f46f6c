import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { backupDataDir } from '../../storage/backup.ts';
import { DataDirLockedError } from '../../storage/data-dir-lock.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { type FsOps, nodeFs } from '../../storage/fs-ops.ts';
import { journalRecords } from '../../storage/journal-audit.ts';
import type { JournalRecord } from '../../storage/journal-record.ts';
import { DataDirUnusableError, StoreUnreadableError } from '../../storage/save-errors.ts';
import { SCHEMA_VERSION } from '../../storage/schema.ts';
import { Store } from '../../storage/store.ts';
import { addUnitsThenKill, changeThenKill } from '../helpers/crashed-store.ts';

const meta = (n = 0) => ({ actor: 'admin', command: 'test', at: new Date(Date.UTC(2023, 5, 1, 0, 0, n)) });

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'saima-store-'));
}

async function open(dir: string, options = {}) {
  return Store.open(new FilePersistence(dir, options));
}

describe('the file store', () => {
  it('survives a restart: journal replayed over the last snapshot', async () => {
    const dir = tempDir();
    const a = await open(dir, { snapshotEvery: 2 });
    a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    a.addUnit(meta(2), { name: '经济信息委', type: '部门' });
    a.addUnit(meta(3), { name: '某镇', type: '镇街' });
    await a.close();
    const b = await open(dir);
    expect(b.units().map((u) => u.name)).toEqual(['工业园区管委会', '经济信息委', '某镇']);
    expect(b.seq).toBe(3);
    await b.close();
  });

  it('recovers changes that never reached a snapshot (no close, as after kill -9)', async () => {
    const dir = tempDir();
    addUnitsThenKill(dir, ['工业园区管委会']);
    expect(existsSync(join(dir, 'saima.json'))).toBe(false);
    const b = await open(dir);
    expect(b.unitByName('工业园区管委会')).not.toBeNull();
    await b.close();
  });

  it('hands out copies: changing a returned record changes nothing stored', async () => {
    const dir = tempDir();
    const s = await open(dir);
    s.addUnit(meta(), { name: '工业园区管委会', type: '园区' });
    const u = s.units()[0];
    if (u) u.name = '被改了';
    expect(s.units()[0]?.name).toBe('工业园区管委会');
    await s.close();
  });

  it('cuts a torn last journal line, keeps its bytes aside and says exactly what was cut', async () => {
    const dir = tempDir();
    addUnitsThenKill(dir, ['工业园区管委会']);
    const journal = join(dir, 'journal.jsonl');
    const good = readFileSync(journal).length;
    const torn = '{"sum":"0123456789abcdef","v":3,"seq":2,"at":"2023';
    appendFileSync(journal, torn);
    const log: string[] = [];
    const b = await open(dir, { log: (line: string) => log.push(line) });
    expect(b.seq).toBe(1);
    expect(log.join('\n')).toContain(`日志末尾从第 ${good} 字节起有 ${torn.length} 字节没有以换行结束`);
    expect(log.join('\n')).not.toMatch(/从未被确认/);
    expect(readFileSync(`${journal}.torn-${good}`, 'utf8')).toBe(torn);
    expect(readFileSync(journal).length).toBe(good);
    b.addUnit(meta(1), { name: '经济信息委', type: '部门' });
    await b.close();
    const c = await open(dir);
    expect(c.units()).toHaveLength(2);
    await c.close();
  });

  it('refuses an unreadable snapshot and leaves it untouched', async () => {
    const dir = tempDir();
    const file = join(dir, 'saima.json');
    writeFileSync(file, '{"schemaVersion":1, "seq": 3, oops');
    await expect(open(dir)).rejects.toThrow(StoreUnreadableError);
    await expect(open(dir)).rejects.toThrow(/数据文件无法读取.*saima\.json.*不是有效的 JSON.*文件保持原样/);
    expect(readFileSync(file, 'utf8')).toBe('{"schemaVersion":1, "seq": 3, oops');
  });

  it('refuses a snapshot that fails validation and leaves it untouched', async () => {
    const dir = tempDir();
    const file = join(dir, 'saima.json');
    const bad = JSON.stringify({ schemaVersion: 1, seq: 'three', journalBytes: 0 });
    writeFileSync(file, bad);
    await expect(open(dir)).rejects.toThrow(/内容不符合数据格式：seq/);
    expect(readFileSync(file, 'utf8')).toBe(bad);
  });

  it('refuses a file written by a newer version', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'saima.json'), JSON.stringify({ schemaVersion: 99 }));
    await expect(open(dir)).rejects.toThrow(`比本程序支持的（${SCHEMA_VERSION}）新`);
  });

  it('carries a version-1 file forward, keeping a backup of the original', async () => {
    const dir = tempDir();
    const v1 = {
      schemaVersion: 1,
      seq: 1,
      journalBytes: 0,
      units: {
        U001: {
          id: 'U001',
          name: '工业园区管委会',
          type: '园区',
          createdAt: '2023-06-01T08:00:00.000+08:00',
        },
      },
      members: {},
      projects: {},
      trips: {},
      targets: {},
      challenges: {},
      honours: {},
      bindings: {},
      counters: {},
      messages: {},
      changes: {},
    };
    writeFileSync(join(dir, 'saima.json'), JSON.stringify(v1));
    const s = await open(dir);
    expect(s.units().map((u) => u.name)).toEqual(['工业园区管委会']);
    expect(JSON.parse(readFileSync(join(dir, 'saima.json'), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
    expect(JSON.parse(readFileSync(join(dir, 'saima.json.v1.bak'), 'utf8'))).toEqual(v1);
    await s.close();
  });

  it('refuses a corrupt line inside the journal', async () => {
    const dir = tempDir();
    addUnitsThenKill(dir, ['工业园区管委会']);
    const journal = join(dir, 'journal.jsonl');
    const text = readFileSync(journal, 'utf8');
    writeFileSync(journal, `garbage\n${text}`);
    await expect(open(dir)).rejects.toThrow(/journal\.jsonl.*第 1 行（第 0 字节起）的记录损坏/);
    expect(readFileSync(journal, 'utf8')).toBe(`garbage\n${text}`);
  });

  it('refuses a second store on the same directory while the first is open', async () => {
    const dir = tempDir();
    const a = await open(dir);
    await expect(open(dir)).rejects.toThrow(DataDirLockedError);
    await a.close();
    const b = await open(dir);
    await b.close();
  });

  it('keeps the journal as an audit log: who, when, the text, before and after', async () => {
    const dir = tempDir();
    const s = await open(dir);
    s.addUnit(
      { ...meta(), text: '添加单位 工业园区管委会 园区', messageKey: 'test:m1' },
      { name: '工业园区管委会', type: '园区' },
    );
    await s.close();
    const [record] = await allRecords(dir);
    expect(record).toMatchObject({
      seq: 1,
      actor: 'admin',
      at: '2023-06-01T08:00:00.000+08:00',
      text: '添加单位 工业园区管委会 园区',
      messageKey: 'test:m1',
    });
    expect(record?.ops).toContainEqual(
      expect.objectContaining({
        c: 'units',
        id: 'U001',
        new: expect.objectContaining({ name: '工业园区管委会' }),
      }),
    );
  });
});

/** The real file system, except for the calls a test tells to fail. */
function disk(openFailsFor = '.refused') {
  const failing = new Map<keyof FsOps, number>();
  const fail = (op: keyof FsOps, code: string) => {
    const left = failing.get(op) ?? 0;
    if (left === 0) return;
    failing.set(op, left - 1);
    throw Object.assign(new Error(`${code}: i/o error, ${op}`), { code });
  };
  const ops: FsOps = {
    mkdirSync: (path, options) => {
      fail('mkdirSync', 'EROFS');
      return nodeFs.mkdirSync(path, options);
    },
    openSync: (path, flags, mode) => {
      if (path.endsWith(openFailsFor)) fail('openSync', 'EROFS');
      return nodeFs.openSync(path, flags, mode);
    },
    writeSync: (fd, buffer, offset, length, position) => {
      if (failing.get('writeSync')) {
        // half the line reaches the file before the disk fills up
        nodeFs.writeSync(fd, buffer, offset, Math.floor(length / 2), position);
        fail('writeSync', 'ENOSPC');
      }
      return nodeFs.writeSync(fd, buffer, offset, length, position);
    },
    fdatasyncSync: (fd) => {
      fail('fdatasyncSync', 'EIO');
      nodeFs.fdatasyncSync(fd);
    },
    fdatasync: async (fd) => {
      fail('fdatasync', 'EIO');
      await nodeFs.fdatasync(fd);
    },
    ftruncateSync: (fd, length) => {
      fail('ftruncateSync', 'EIO');
      nodeFs.ftruncateSync(fd, length);
    },
  };
  return { ops, failNext: (op: keyof FsOps, times = 1) => failing.set(op, times) };
}

let messageIds = 0;

async function botOn(dir: string, fs: FsOps = nodeFs) {
  const store = await Store.open(new FilePersistence(dir, { fs }));
  const bot = buildBot({
    store,
    clock: { now: () => new Date('2023-06-30T10:00:00+08:00') },
    admins: ['admin'],
    logger: silentLogger,
  });
  const say = async (text: string, as = 'lisi') =>
    renderPlainText(
      await bot.answerDurably({
        platform: 'test',
        messageId: `m${++messageIds}`,
        chatId: null,
        chatType: 'single',
        senderId: as,
        text,
      }),
    );
  return { store, say };
}

async function signedProjectOn(dir: string, fs: FsOps) {
  const { store, say } = await botOn(dir, fs);
  await say('添加单位 工业园区管委会 园区', 'admin');
  await say('添加成员 李四 账号lisi 单位工业园区管委会', 'admin');
  expect(await say('登记签约 再生铝项目 合同额12亿 正式合同 日期2023-05-20')).toMatch(/已登记签约/);
  return { store, say };
}

const journalLines = (dir: string) => readFileSync(join(dir, 'journal.jsonl'), 'utf8').trim().split('\n');

/** Every record the directory's journal files hold, archived ones included. */
async function allRecords(dir: string) {
  const out: JournalRecord[] = [];
  for await (const r of journalRecords(dir)) out.push(r as JournalRecord);
  return out;
}

describe('the journal when the disk fails', () => {
  it.each([
    ['fdatasync', 'a failed sync'],
    ['writeSync', 'a half-written line'],
  ] as const)(
    'rolls back %s (%s): the member is told, resends, and the amount counts once after restarts',
    async (op, _what) => {
      const dir = tempDir();
      const d = disk();
      const { store, say } = await signedProjectOn(dir, d.ops);
      d.failNext(op);
      expect(await say('到位资金 再生铝项目 99万 凭证银行回单')).toMatch(/内容没有保存/);
      await store.close();
      const restarted = await botOn(dir);
      expect(await restarted.say('到位资金 再生铝项目 99万 凭证银行回单')).toMatch(/已登记到位资金/);
      await restarted.store.close();
      const reopened = await open(dir);
      const project = reopened.project('P2023-001');
      expect(project?.instalments.map((i) => i.amountWan)).toEqual([99]);
      expect(await allRecords(dir)).toHaveLength(4);
      await reopened.close();
    },
  );

  it('pauses saving when the rollback fails too, keeps answering reads, and a restart cuts the refused record', async () => {
    const dir = tempDir();
    const d = disk();
    const { store, say } = await signedProjectOn(dir, d.ops);
    const good = readFileSync(join(dir, 'journal.jsonl')).length;
    d.failNext('fdatasync');
    d.failNext('ftruncateSync', 99);
    expect(await say('到位资金 再生铝项目 99万 凭证银行回单')).toMatch(
      /保存功能已暂停.*这条内容没有保存.*检查服务器磁盘/,
    );
    expect(await say('到位资金 再生铝项目 1万 凭证银行回单')).toMatch(/保存功能已暂停/);
    expect(await say('查询 再生铝项目')).toMatch(/再生铝项目/);
    await store.close();
    // the refused line is still in the file: the disk never let us cut it
    expect(readFileSync(join(dir, 'journal.jsonl')).length).toBeGreaterThan(good);
    const log: string[] = [];
    const reopened = await open(dir, { log: (line: string) => log.push(line) });
    expect(log.join('\n')).toContain(`日志从第 ${good} 字节起的`);
    expect(reopened.project('P2023-001')?.instalments).toEqual([]);
    expect(readFileSync(join(dir, 'journal.jsonl')).length).toBe(good);
    await reopened.close();
    const writable = await open(dir);
    writable.addUnit(meta(9), { name: '经济信息委', type: '部门' });
    await writable.close();
    expect(await allRecords(dir)).toHaveLength(4);
  });

  it('leaves the refused record out of a backup taken while saving is paused', async () => {
    const dir = tempDir();
    const d = disk();
    const { store, say } = await signedProjectOn(dir, d.ops);
    d.failNext('fdatasync');
    d.failNext('ftruncateSync', 99);
    expect(await say('到位资金 再生铝项目 99万 凭证银行回单')).toMatch(/保存功能已暂停/);
    const copy = join(tempDir(), 'copy');
    await backupDataDir(dir, copy);
    await store.close();
    const restored = await open(copy);
    expect(restored.project('P2023-001')?.instalments).toEqual([]);
    await restored.close();
  });

  it('says it cannot tell whether the record was kept when even the note to cut it cannot be written', async () => {
    const dir = tempDir();
    const d = disk();
    const { store, say } = await signedProjectOn(dir, d.ops);
    d.failNext('fdatasync');
    d.failNext('ftruncateSync', 99);
    d.failNext('openSync');
    expect(await say('到位资金 再生铝项目 99万 凭证银行回单')).toMatch(
      /无法确认这条内容是否已写入.*请先不要重发/,
    );
    await store.close();
  });
});

/** Byte offset at which line `n` (from 1) of the journal starts. */
function offsetOfLine(dir: string, n: number): number {
  return journalLines(dir)
    .slice(0, n - 1)
    .reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
}

function rewriteLine(dir: string, n: number, change: (line: string) => string): void {
  const lines = journalLines(dir);
  lines[n - 1] = change(lines[n - 1] as string);
  writeFileSync(join(dir, 'journal.jsonl'), `${lines.join('\n')}\n`);
}

/** A line as saima wrote it before records had checksums. */
const withoutSum = (line: string) => line.replace(/^\{"sum":"[0-9a-f]{16}",/, '{');

describe('journal checksums', () => {
  it('refuses to start when one byte of a record after the snapshot flipped, naming its line and offset', async () => {
    const dir = tempDir();
    addUnitsThenKill(dir, ['工业园区管委会', '经济信息委', '某镇']);
    const journal = join(dir, 'journal.jsonl');
    const bytes = readFileSync(journal);
    const at = offsetOfLine(dir, 2);
    const flip = bytes.indexOf('经济', at);
    bytes[flip + 1] = (bytes[flip + 1] as number) ^ 0x01;
    writeFileSync(journal, bytes);
    await expect(open(dir)).rejects.toThrow(`第 2 行（第 ${at} 字节起）的记录校验和不符`);
    expect(readFileSync(journal).equals(bytes)).toBe(true);
  });

  it('refuses a hand-edited amount even though the line is still valid JSON', async () => {
    const dir = tempDir();
    changeThenKill(
      dir,
      `store.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
       store.registerSigning(meta(2), { create: { name: '再生铝项目', unitId: 'U001' } },
         { type: '正式合同', date: '2023-05-20', amountWan: 120000 });
       store.addUnit(meta(3), { name: '经济信息委', type: '部门' });`,
    );
    rewriteLine(dir, 2, (line) => line.replace('"amountWan":120000', '"amountWan":990000'));
    expect(() => JSON.parse(journalLines(dir)[1] as string)).not.toThrow();
    await expect(open(dir)).rejects.toThrow(`第 2 行（第 ${offsetOfLine(dir, 2)} 字节起）的记录校验和不符`);
  });

  it('refuses a complete last line with a bad checksum instead of cutting it as torn', async () => {
    const dir = tempDir();
    addUnitsThenKill(dir, ['工业园区管委会', '经济信息委']);
    rewriteLine(dir, 2, (line) => line.replace('经济信息委', '经济信息局'));
    await expect(open(dir)).rejects.toThrow(/第 2 行.*校验和不符/);
    expect(journalLines(dir)).toHaveLength(2);
  });

  it('loads a journal written before records had checksums, and checks what is written after', async () => {
    const dir = tempDir();
    addUnitsThenKill(dir, ['工业园区管委会', '经济信息委']);
    for (const n of [1, 2]) rewriteLine(dir, n, withoutSum);
    const legacy = await open(dir);
    expect(legacy.units().map((u) => u.name)).toEqual(['工业园区管委会', '经济信息委']);
    legacy.addUnit(meta(3), { name: '某镇', type: '镇街' });
    const lines = journalLines(dir);
    expect(lines[2]).toMatch(/^\{"sum":"[0-9a-f]{16}","v":/);
    await legacy.close();
    const again = await open(dir);
    expect(again.units()).toHaveLength(3);
    await again.close();
  });

  it('refuses a line without a checksum that comes after one with a checksum', async () => {
    const dir = tempDir();
    addUnitsThenKill(dir, ['工业园区管委会', '经济信息委', '某镇']);
    rewriteLine(dir, 3, (line) => withoutSum(line).replace('某镇', '某街道'));
    await expect(open(dir)).rejects.toThrow(
      `第 3 行（第 ${offsetOfLine(dir, 3)} 字节起）的记录没有校验和，而它之前的记录有`,
    );
  });

  it('refuses a line without a checksum right after the snapshot when the snapshot covers checksummed lines', async () => {
    const dir = tempDir();
    const a = await open(dir);
    a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    await a.close();
    const line = JSON.stringify({
      v: 3,
      seq: 2,
      at: '2023-06-01T08:00:02.000+08:00',
      actor: 'admin',
      messageKey: null,
      text: null,
      command: 'test',
      summary: 'hand-made',
      before: [],
      puts: [
        {
          c: 'units',
          id: 'U002',
          v: { id: 'U002', name: '某镇', type: '镇街', createdAt: '2023-06-01T08:00:02.000+08:00' },
        },
      ],
    });
    appendFileSync(join(dir, 'journal.jsonl'), `${line}\n`);
    await expect(open(dir)).rejects.toThrow(/第 2 行.*没有校验和/);
  });
});

describe('a data directory that cannot be used', () => {
  it('says the file system is read-only and names SAIMA_DATA_DIR, not another process', async () => {
    const dir = join(tempDir(), 'data');
    const d = disk();
    d.failNext('mkdirSync');
    const start = Store.open(new FilePersistence(dir, { fs: d.ops }));
    await expect(start).rejects.toThrow(DataDirUnusableError);
    await expect(start).rejects.toThrow(/SAIMA_DATA_DIR=.*（所在文件系统是只读的，EROFS）/);
    const later = await Store.open(new FilePersistence(dir, { fs: d.ops }));
    await later.close();
  });

  it('removes what a failed start created in a fresh directory, and nothing else', async () => {
    const parent = tempDir();
    const dir = join(parent, 'a', 'b');
    const d = disk('journal.jsonl');
    d.failNext('openSync');
    const refusal = await Store.open(new FilePersistence(dir, { fs: d.ops })).catch((e: unknown) => e);
    expect((refusal as Error).message).toBe(
      `数据目录无法使用：SAIMA_DATA_DIR=${dir}（所在文件系统是只读的，EROFS）。请让 SAIMA_DATA_DIR 指向运行 saima 的用户可以创建和写入的目录。本次启动没有创建任何文件。`,
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('never removes an existing directory or its data when a start fails', async () => {
    const dir = tempDir();
    const a = await open(dir);
    a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    await a.close();
    const before = readdirSync(dir).sort();
    const d = disk('journal.jsonl');
    d.failNext('openSync');
    await expect(Store.open(new FilePersistence(dir, { fs: d.ops }))).rejects.toThrow(/EROFS/);
    expect(readdirSync(dir).sort()).toEqual(before);
    const b = await open(dir);
    expect(b.units()).toHaveLength(1);
    await b.close();
  });
});
