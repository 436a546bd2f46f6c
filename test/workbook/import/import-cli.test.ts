import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilePersistence } from '../../../storage/file-persistence.ts';
import { Store } from '../../../storage/store.ts';
import { day, messyLedger, oneSigningLedger } from '../../helpers/bureau-workbook.ts';
import { filesOf } from '../../helpers/district-data-dirs.ts';
import { DISTRICTS_ENV, manyDistrictDataDir } from '../../helpers/many-district-data-dir.ts';
import { chatViaSocket, output, runEntry, startServer } from '../../helpers/server-process.ts';

/** `npm run import` and `npm run chat` as real processes on a real data directory, with and without the bot running. */
const ENV = { SAIMA_ADMINS: 'admin', SAIMA_NOW: '2023-06-30T10:00:00+08:00' };

async function run(entry: string, dir: string, args: string[]) {
  return output(runEntry(entry, args, { SAIMA_DATA_DIR: dir, ...ENV }));
}

async function district(): Promise<{ dir: string; ledger: string; bad: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-import-cli-'));
  for (const text of [
    '添加单位 工业园区管委会 类型园区',
    '添加成员 李四 账号lisi 单位工业园区管委会 角色成员',
  ]) {
    const r = await run('src/chat-cli.ts', dir, ['--as', 'admin', text]);
    if (r.code !== 0) throw new Error(r.stderr);
  }
  const ledger = join(dir, '台账.xlsx');
  writeFileSync(
    ledger,
    await messyLedger([
      [
        1,
        '年产30万吨再生铝项目',
        '工业园区管委会',
        '某某集团',
        '铝产业',
        12,
        day('2023-03-05'),
        120000,
        '正式合同',
      ],
      [2, '铝灰渣综合利用项目', '工业园区管委会', '某铝业', '铝产业', 2, '2023-04-01', 8000, '正式合同'],
    ]),
  );
  const bad = join(dir, '坏台账.xlsx');
  writeFileSync(
    bad,
    await messyLedger([
      [1, '年产30万吨再生铝项目', '城北新区', '某某集团', '铝产业', 12, '2023-03-05', '约5个亿'],
    ]),
  );
  return { dir, ledger, bad };
}

async function projectCount(dir: string): Promise<number> {
  const store = await Store.open(new FilePersistence(dir));
  try {
    return store.projects().length;
  } finally {
    await store.close();
  }
}

/** A message for a person, never a stack trace. */
function noStack(text: string): void {
  expect(text).not.toMatch(/\n\s+at \S/);
}

describe('npm run import', () => {
  it('without the bot running: refuses a bad file with every problem and exit 1, dry-runs, imports, and the importer can 撤销', async () => {
    const { dir, ledger, bad } = await district();
    const usage = await run('src/import-cli.ts', dir, [ledger]);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toMatch(/^用法：npm run import -- <台账\.xlsx> --as <管理员账号>/);

    const refused = await run('src/import-cli.ts', dir, [bad, '--as', 'admin']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('第 5 行 合同额：看不懂「约5个亿」');
    expect(refused.stderr).toContain('第 5 行 责任单位：单位「城北新区」不存在');
    noStack(refused.stderr);

    const dry = await run('src/import-cli.ts', dir, [ledger, '--as', 'admin', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('新增 2，更新 0，未变 0');
    expect(await projectCount(dir)).toBe(0);

    const done = await run('src/import-cli.ts', dir, [ledger, '--as', 'admin']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('已导入「台账.xlsx」');
    expect(await projectCount(dir)).toBe(2);
    const undo = await run('src/chat-cli.ts', dir, ['--as', 'admin', '撤销']);
    expect(undo.stdout).toContain('已撤销：导入台账「台账.xlsx」');
    expect(await projectCount(dir)).toBe(0);
  }, 90_000);

  it('with the bot running: goes through its local socket, and 撤销 in chat takes it back', async () => {
    const { dir, ledger, bad } = await district();
    const server = await startServer(dir, ENV);
    try {
      const refused = await run('src/import-cli.ts', dir, [bad, '--as', 'admin']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('第 5 行 合同额：看不懂「约5个亿」');
      const done = await run('src/import-cli.ts', dir, [ledger, '--as', 'admin']);
      expect(done.code).toBe(0);
      expect(done.stdout).toContain('新增 2，更新 0，未变 0');
      expect(await chatViaSocket(dir, 'admin', '查询 再生铝')).toContain('P2023-001');
      const again = await run('src/import-cli.ts', dir, [ledger, '--as', 'admin']);
      expect(again.stdout).toContain('新增 0，更新 0，未变 2');
      expect(await chatViaSocket(dir, 'admin', '撤销')).toContain('已撤销：导入台账「台账.xlsx」');
      expect(await chatViaSocket(dir, 'admin', '查询 P2023-001')).not.toContain('年产30万吨再生铝项目');
    } finally {
      server.kill('SIGTERM');
      await output(server);
    }
    expect(await projectCount(dir)).toBe(0);
  }, 90_000);
});

describe('npm run import in a many-district deployment', () => {
  const inDistricts = (dir: string, args: string[]) =>
    output(runEntry('src/import-cli.ts', args, { SAIMA_DATA_DIR: dir, ...DISTRICTS_ENV }));
  const names = async (dir: string, district: string) => {
    const store = await Store.open(new FilePersistence(join(dir, 'districts', district)));
    try {
      return store.projects().map((p) => p.name);
    } finally {
      await store.close();
    }
  };

  it("without the bot running: imports into the as admin's own district only, and refuses an account of no district or no admin, writing nothing", async () => {
    const dir = await manyDistrictDataDir();
    // an admin by membership, not by SAIMA_DISTRICTS: the import finds 经开区 through its members
    const made = await output(
      runEntry('src/chat-cli.ts', ['--as', 'jk-admin', '添加成员 赵六 账号zhaoliu 角色管理员'], {
        SAIMA_DATA_DIR: dir,
        ...DISTRICTS_ENV,
      }),
    );
    expect(made.stdout).toMatch(/已添加成员/);
    const ledger = join(mkdtempSync(join(tmpdir(), 'saima-import-ledger-')), '台账.xlsx');
    writeFileSync(ledger, await oneSigningLedger());
    const before = filesOf(dir);
    for (const as of ['nobody', 'city-admin', 'lisi']) {
      const refused = await inDistricts(dir, [ledger, '--as', as]);
      expect(refused.code, as).toBe(1);
      expect(refused.stderr, as).toContain(`账号「${as}」不是管理员：只有管理员可以导入台账。`);
      expect(refused.stderr, as).not.toMatch(/高新区|经开区|gaoxin|jingkai/);
    }
    expect(filesOf(dir)).toEqual(before);

    const gaoxin = await inDistricts(dir, [ledger, '--as', 'gx-admin']);
    expect(gaoxin.code).toBe(0);
    expect(gaoxin.stdout).toContain('新增 1，更新 0，未变 0');
    expect(await names(dir, 'gaoxin')).toEqual(['新能源电池项目', '年产30万吨再生铝项目']);
    expect(await names(dir, 'jingkai')).toEqual(['储能电站项目', '半导体封装项目']);

    const jingkai = await inDistricts(dir, [ledger, '--as', 'zhaoliu']);
    expect(jingkai.stdout).toContain('新增 1，更新 0，未变 0');
    expect(await names(dir, 'jingkai')).toEqual(['储能电站项目', '半导体封装项目', '年产30万吨再生铝项目']);
    expect(await names(dir, 'gaoxin')).toEqual(['新能源电池项目', '年产30万吨再生铝项目']);
    expect(readFileSync(join(dir, 'city', 'journal.jsonl'), 'utf8')).not.toContain('再生铝');
  }, 90_000);

  it("with the bot running: the server imports into the as admin's own district and refuses a stranger", async () => {
    const dir = await manyDistrictDataDir();
    const ledger = join(mkdtempSync(join(tmpdir(), 'saima-import-ledger-')), '台账.xlsx');
    writeFileSync(ledger, await oneSigningLedger());
    const server = await startServer(dir, DISTRICTS_ENV);
    try {
      const refused = await inDistricts(dir, [ledger, '--as', 'city-admin']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('账号「city-admin」不是管理员：只有管理员可以导入台账。');
      const done = await inDistricts(dir, [ledger, '--as', 'jk-admin']);
      expect(done.code).toBe(0);
      expect(done.stdout).toContain('新增 1，更新 0，未变 0');
      expect(await chatViaSocket(dir, 'wangwu', '查询 再生铝')).toContain('年产30万吨再生铝项目');
      expect(await chatViaSocket(dir, 'lisi', '查询 再生铝')).not.toContain('年产30万吨再生铝项目');
    } finally {
      server.kill('SIGTERM');
      await output(server);
    }
    expect(await names(dir, 'jingkai')).toEqual(['储能电站项目', '半导体封装项目', '年产30万吨再生铝项目']);
    expect(await names(dir, 'gaoxin')).toEqual(['新能源电池项目']);
  }, 90_000);
});
