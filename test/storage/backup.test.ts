import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupError, backupDataDir, backupDataDirs } from '../../storage/backup.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { Store } from '../../storage/store.ts';
import { filesOf } from '../helpers/district-data-dirs.ts';
import { DISTRICTS_ENV, manyDistrictDataDir } from '../helpers/many-district-data-dir.ts';
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

describe('backupDataDirs', () => {
  it('leaves no backup and no half of one when one of the ledgers cannot be copied', async () => {
    const root = temp('deployment');
    const store = await Store.open(new FilePersistence(join(root, 'districts', 'a')));
    await store.close();
    mkdirSync(join(root, 'districts', 'b'));
    const parent = temp('backups');
    await expect(backupDataDirs(root, ['districts/a', 'districts/b'], join(parent, 'x'))).rejects.toThrow(
      /districts\/b 不是 saima 的数据目录/,
    );
    expect(readdirSync(parent)).toEqual([]);
    await expect(backupDataDirs(root, ['districts/c'], join(parent, 'x'))).rejects.toThrow(
      /没有任何一个区或市级的台账/,
    );
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('npm run backup in a many-district deployment', () => {
  // a third district named since the server last started: it has no directory yet
  const env = { ...DISTRICTS_ENV, SAIMA_DISTRICTS: `${DISTRICTS_ENV.SAIMA_DISTRICTS},xinqu:新区:xq-admin` };
  const backup = (dir: string, args: string[]) =>
    output(runEntry('src/backup-cli.ts', args, { SAIMA_DATA_DIR: dir, ...env }));
  const ledgerIn = async (dir: string) => {
    const store = await Store.open(new FilePersistence(dir));
    try {
      return {
        seq: store.seq,
        projects: store.projects().map((p) => p.name),
        units: store.units().map((u) => u.name),
      };
    } finally {
      await store.close();
    }
  };

  it('copies every district and the city into one backup laid out as the data directory, which then serves as one', async () => {
    const dir = await manyDistrictDataDir();
    const before = filesOf(dir);
    const target = join(temp('backups'), '20230630-0230');
    const run = await backup(dir, [target]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  districts/gaoxin：包含到第 3 条变更');
    expect(run.stdout).toContain('  districts/jingkai：包含到第 4 条变更');
    expect(run.stdout).toContain('  city：包含到第 2 条变更');
    expect(run.stdout).toContain('  districts/xinqu：还没有数据（服务器还没在它上面启动过），跳过');
    expect(run.stdout).toContain(`备份完成：${dir} → ${target}\n3 本台账`);
    expect(filesOf(dir)).toEqual(before);
    expect(readdirSync(target).sort()).toEqual(['city', 'districts']);
    expect(readdirSync(join(target, 'districts')).sort()).toEqual(['gaoxin', 'jingkai']);
    expect(await ledgerIn(join(target, 'districts', 'gaoxin'))).toMatchObject({
      projects: ['新能源电池项目'],
    });
    expect(await ledgerIn(join(target, 'districts', 'jingkai'))).toMatchObject({
      projects: ['储能电站项目', '半导体封装项目'],
    });
    expect(await ledgerIn(join(target, 'city'))).toMatchObject({ units: ['高新区', '经开区'] });
    // restoring is pointing SAIMA_DATA_DIR at a copy of it
    const restored = await output(
      runEntry('src/chat-cli.ts', ['--as', 'wangwu', '全区进度'], { SAIMA_DATA_DIR: target, ...env }),
    );
    expect(restored.stdout).toMatch(/正式合同额\s+11亿元/);
  }, 60_000);

  it('copies one ledger with --district, and refuses an unknown one, a target inside the data directory and an unmoved ledger, creating nothing', async () => {
    const dir = await manyDistrictDataDir();
    const backups = temp('backups');
    const one = await backup(dir, [join(backups, 'jingkai'), '--district', 'jingkai']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(
      `备份完成：${join(dir, 'districts', 'jingkai')} → ${join(backups, 'jingkai')}`,
    );
    expect(existsSync(join(backups, 'jingkai', 'saima.json'))).toBe(true);
    expect(await ledgerIn(join(backups, 'jingkai'))).toMatchObject({
      seq: 4,
      projects: ['储能电站项目', '半导体封装项目'],
    });
    expect((await backup(dir, [join(backups, 'city'), '--district', 'city'])).code).toBe(0);
    expect(await ledgerIn(join(backups, 'city'))).toMatchObject({ units: ['高新区', '经开区'] });

    const unknown = await backup(dir, [join(backups, 'x'), '--district', 'nanqu']);
    expect(unknown.stderr).toBe(
      '备份失败：没有代码或名称为「nanqu」的区；可选：gaoxin（高新区）、jingkai（经开区）、xinqu（新区）、city（某市）\n',
    );
    expect(unknown.code).toBe(2);
    const inside = await backup(dir, [join(dir, 'backups', 'x')]);
    expect(inside.stderr).toContain('备份目录不能是数据目录本身或它下面的目录');
    expect(inside.code).toBe(1);
    copyFileSync(join(dir, 'districts', 'gaoxin', 'saima.json'), join(dir, 'saima.json'));
    const unmoved = await backup(dir, [join(backups, 'x')]);
    expect(unmoved.stderr).toContain(`数据目录 ${dir} 下直接放着一本单区部署的台账`);
    expect(unmoved.code).toBe(2);
    expect(readdirSync(backups).sort()).toEqual(['city', 'jingkai']);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  }, 60_000);
});
