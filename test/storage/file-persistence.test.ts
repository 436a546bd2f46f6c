import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../storage/data-dir-lock.ts';
import { StoreUnreadableError } from '../../storage/durable-json-file.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { SCHEMA_VERSION } from '../../storage/schema.ts';
import { Store } from '../../storage/store.ts';

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
    const a = await open(dir, { snapshotEvery: 1000, snapshotAfterMs: 60_000 });
    a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    expect(existsSync(join(dir, 'saima.json'))).toBe(false);
    // simulate the process dying: drop the lock the dead process would have left stale
    writeFileSync(join(dir, 'saima.lock'), '999999');
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

  it('drops a torn last journal line, which was never acknowledged', async () => {
    const dir = tempDir();
    const a = await open(dir);
    a.addUnit(meta(), { name: '工业园区管委会', type: '园区' });
    writeFileSync(join(dir, 'saima.lock'), '999999');
    appendFileSync(join(dir, 'journal.jsonl'), '{"v":1,"seq":2,"at":"2023');
    const b = await open(dir);
    expect(b.seq).toBe(1);
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
    const a = await open(dir);
    a.addUnit(meta(), { name: '工业园区管委会', type: '园区' });
    writeFileSync(join(dir, 'saima.lock'), '999999');
    const journal = join(dir, 'journal.jsonl');
    const text = readFileSync(journal, 'utf8');
    writeFileSync(journal, `garbage\n${text}`);
    await expect(open(dir)).rejects.toThrow(/journal\.jsonl.*记录损坏/);
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
    const [line] = readFileSync(join(dir, 'journal.jsonl'), 'utf8').trim().split('\n');
    const record = JSON.parse(line as string);
    expect(record).toMatchObject({
      seq: 1,
      actor: 'admin',
      at: '2023-06-01T08:00:00.000+08:00',
      text: '添加单位 工业园区管委会 园区',
      messageKey: 'test:m1',
      before: [{ c: 'units', id: 'U001', v: null }],
    });
    expect(record.puts).toContainEqual(
      expect.objectContaining({ c: 'units', v: expect.objectContaining({ name: '工业园区管委会' }) }),
    );
  });
});
