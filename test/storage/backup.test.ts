import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupError, backupDataDir } from '../../storage/backup.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { Store } from '../../storage/store.ts';
import { chatViaSocket, output, runEntry, startServer } from '../helpers/server-process.ts';

const temp = (name: string) => mkdtempSync(join(tmpdir(), `saima-${name}-`));

async function notesOf(dir: string): Promise<{ seq: number; notes: string[] }> {
  const store = await Store.open(new FilePersistence(dir));
  try {
    return { seq: store.seq, notes: store.project('P2026-001')?.notes.map((n) => n.text) ?? [] };
  } finally {
    await store.close();
  }
}

describe('npm run backup', () => {
  it('copies a running server consistently: a restore holds every report acknowledged before it, once', async () => {
    const dir = temp('live');
    const server = await startServer(dir, { SAIMA_ADMINS: 'admin' });
    const acked: string[] = [];
    let sent = 0;
    let running = true;
    let ackedBeforeBackup: string[] = [];
    let seededSeq = 0;
    let backup: Awaited<ReturnType<typeof output>>;
    try {
      await chatViaSocket(dir, 'admin', '添加单位 工业园区管委会 园区');
      await chatViaSocket(dir, 'admin', '添加成员 李四 账号lisi 单位工业园区管委会');
      expect(
        await chatViaSocket(dir, 'lisi', '登记签约 再生铝项目 合同额12亿 正式合同 日期2026-05-20'),
      ).toMatch(/P2026-001/);
      seededSeq = 3;
      // four members' phones keep reporting while the backup runs
      const reporter = async (r: number) => {
        for (let i = 0; running; i++) {
          const note = `备份期间的进展 ${r}-${i}`;
          sent++;
          const answer = await chatViaSocket(dir, 'lisi', `进度 P2026-001 ${note}`, `m-${r}-${i}`);
          if (answer.includes('已记录进展')) acked.push(note);
        }
      };
      const reporters = [0, 1, 2, 3].map(reporter);
      while (acked.length < 100) await new Promise((r) => setTimeout(r, 50));

      ackedBeforeBackup = [...acked];
      backup = await output(runEntry('src/backup-cli.ts', [`${dir}-backup`], { SAIMA_DATA_DIR: dir }));
      const ackedDuringBackup = acked.length - ackedBeforeBackup.length;
      running = false;
      await Promise.all(reporters);
      expect(ackedDuringBackup).toBeGreaterThan(0);
    } finally {
      running = false;
      server.kill('SIGTERM');
      await output(server);
    }
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const copiedSeq = Number(/包含到第 (\d+) 条变更/.exec(backup.stdout)?.[1]);
    // a copy is data only: no lock, socket or run directory of the server it was taken from
    expect(readdirSync(`${dir}-backup`).filter((f) => /lock|sock|^run$/.test(f))).toEqual([]);

    // restore: a fresh directory, a server started on it, then the data read back
    const restored = temp('restored');
    cpSync(`${dir}-backup`, restored, { recursive: true });
    const again = await startServer(restored);
    again.kill('SIGTERM');
    const stopped = await output(again);
    expect(stopped.code).toBe(0);
    const { seq, notes } = await notesOf(restored);

    expect(seq).toBe(copiedSeq);
    expect(notes).toHaveLength(seq - seededSeq);
    expect(new Set(notes).size).toBe(notes.length);
    for (const note of ackedBeforeBackup) expect(notes).toContain(note);
    expect(notes.length).toBeLessThanOrEqual(sent);
    expect((await notesOf(dir)).notes.length).toBeGreaterThanOrEqual(notes.length);
  }, 60_000);

  it('keeps a copy whose last journal line was caught mid-write, without that line', async () => {
    const dir = temp('torn');
    const store = await Store.open(new FilePersistence(dir));
    store.addUnit(
      { actor: 'admin', command: 'add-unit', at: new Date() },
      { name: '工业园区管委会', type: '园区' },
    );
    await store.close();
    appendFileSync(join(dir, 'journal.jsonl'), '{"v":1,"seq":2,"at":"2026-11-29T');

    const result = await backupDataDir(dir, join(temp('torn-backup'), 'copy'));

    expect(result.seq).toBe(1);
    expect(result.notes.join('')).toMatch(/没有写完/);
  });

  it('refuses to overwrite anything or to copy a directory that holds no saima data', async () => {
    const dir = temp('refuse');
    const store = await Store.open(new FilePersistence(dir));
    await store.close();
    const used = temp('used');
    writeFileSync(join(used, 'old-backup.txt'), 'keep me');

    await expect(backupDataDir(dir, used)).rejects.toThrow(/已存在且不是空目录/);
    await expect(backupDataDir(temp('empty'), join(used, 'x'))).rejects.toThrow(BackupError);
    mkdirSync(join(dir, 'inside'));
    await expect(backupDataDir(dir, join(dir, 'inside'))).rejects.toThrow(/不能是数据目录本身/);
  });
});
