import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilePersistence } from '../storage/file-persistence.ts';
import { conversation } from './helpers/conversation.ts';
import { filesOf } from './helpers/district-data-dirs.ts';
import { DISTRICTS_ENV, manyDistrictDataDir } from './helpers/many-district-data-dir.ts';
import { output, runEntry, startServer } from './helpers/server-process.ts';

/** `npm run chat` with no server running: it opens the deployment's ledgers itself. */
function chat(dir: string, as: string, text: string, env: Record<string, string> = DISTRICTS_ENV) {
  return output(runEntry('src/chat-cli.ts', ['--as', as, text], { SAIMA_DATA_DIR: dir, ...env }));
}

const journal = (dir: string, ledger: string) => readFileSync(join(dir, ledger, 'journal.jsonl'), 'utf8');

/** Every ledger's snapshot and when it was last written: a read must rewrite none of them, not even with the same bytes. */
function snapshots(dir: string): Record<string, number> {
  return Object.fromEntries(
    ['districts/gaoxin', 'districts/jingkai', 'city'].map((l) => [
      l,
      statSync(join(dir, l, 'saima.json')).mtimeMs,
    ]),
  );
}

describe('npm run chat in a many-district deployment, without a server', () => {
  it("answers each account from its own district, and nothing of one district shows in the other's answers", async () => {
    const dir = await manyDistrictDataDir();
    const lisi = await chat(dir, 'lisi', '全区进度');
    expect(lisi.code).toBe(0);
    expect(lisi.stdout).toMatch(/正式合同额\s+5亿元/);
    const wangwu = await chat(dir, 'wangwu', '全区进度');
    expect(wangwu.stdout).toMatch(/正式合同额\s+11亿元/);
    // 经开区's P2023-002 is, to 李四, a project nobody registered
    const theirs = await chat(dir, 'lisi', '查询 P2023-002');
    const none = await chat(dir, 'lisi', '查询 P2023-009');
    expect(theirs.stdout).toBe(none.stdout.replaceAll('P2023-009', 'P2023-002'));
    expect(theirs.stdout).not.toMatch(/半导体|丙集团/);

    const added = await chat(dir, 'gx-admin', '添加单位 某镇 类型镇街');
    expect(added.stdout).toMatch(/已添加单位：某镇/);
    expect(journal(dir, 'districts/gaoxin')).toContain('某镇');
    expect(journal(dir, 'districts/jingkai')).not.toContain('某镇');
    expect(journal(dir, 'city')).not.toContain('某镇');
    // the data directory itself is no district's ledger
    expect(readdirSync(dir).sort()).toEqual(['city', 'districts']);
  }, 60_000);

  it('talks through the running server of the deployment, which answers each account from its own ledger', async () => {
    const dir = await manyDistrictDataDir();
    const server = await startServer(dir, DISTRICTS_ENV);
    try {
      expect((await chat(dir, 'wangwu', '全区进度')).stdout).toMatch(/正式合同额\s+11亿元/);
      expect((await chat(dir, 'lisi', '全区进度')).stdout).toMatch(/正式合同额\s+5亿元/);
      expect((await chat(dir, 'city-admin', '区县晾晒')).stdout).toContain('2023年6月区县晾晒');
    } finally {
      server.kill('SIGTERM');
      await output(server);
    }
  }, 60_000);

  it("answers a city admin from the city's ledger, which ranks the districts on their own ledgers' figures", async () => {
    const dir = await manyDistrictDataDir();
    const set = await chat(dir, 'city-admin', '设置目标 高新区 市级目标 合同额20亿');
    expect(set.stdout).toContain('已设置 高新区 2023年「市级目标」');
    expect(journal(dir, 'city')).toContain('市级目标');
    for (const district of ['districts/gaoxin', 'districts/jingkai'])
      expect(journal(dir, district)).not.toContain('市级目标');
    const ranking = await chat(dir, 'city-admin', '区县晾晒');
    expect(ranking.stdout).toMatch(/1\s+高新区\s+🟧橙\s+50%\s+完成5亿元／应达10亿元（50%）/u);
    expect(ranking.stdout).toContain('未设目标、未参与排名：经开区');
    // a district's own command is not the city's
    expect((await chat(dir, 'city-admin', '全区进度')).stdout).toMatch(/^❓ 没看懂「全区进度」/u);
    // the city holds its admins' accounts, as another district holds its members'
    for (const account of ['city-admin', 'wangwu']) {
      const taken = await chat(dir, 'gx-admin', `添加成员 某人 账号${account} 单位工业园区管委会 角色成员`);
      expect(taken.stdout, account).toMatch(new RegExp(`^❌ .*${account}`, 'u'));
    }
    expect(journal(dir, 'districts/gaoxin')).not.toMatch(/city-admin|wangwu/);
  }, 60_000);

  it("writes nothing for a read, a stranger's message or the city's ranking, and two consoles at once each wait their turn", async () => {
    const dir = await manyDistrictDataDir();
    const before = { files: filesOf(dir), snapshots: snapshots(dir) };
    expect((await chat(dir, 'lisi', '全区进度')).code).toBe(0);
    const stranger = await chat(dir, 'nobody', '全区进度');
    expect(stranger.code).toBe(0);
    expect(stranger.stdout).toMatch(/还不认识您（账号 nobody）/);
    expect(stranger.stdout).not.toMatch(/亿|项目/);
    const city = await chat(dir, 'city-admin', '区县晾晒');
    expect(city.code).toBe(0);
    expect(city.stdout).toContain('还没有为任何区县设置2023年的目标，无法排名');
    expect({ files: filesOf(dir), snapshots: snapshots(dir) }).toEqual(before);

    // three scripted calls at once, two of them in the same district: each waits for the lock it needs
    const runs = await Promise.all([
      chat(dir, 'gx-admin', '添加单位 甲镇 类型镇街'),
      chat(dir, 'jk-admin', '添加单位 乙镇 类型镇街'),
      chat(dir, 'gx-admin', '添加单位 丙镇 类型镇街'),
    ]);
    expect(runs.map((r) => [r.code, r.stderr])).toEqual([
      [0, ''],
      [0, ''],
      [0, ''],
    ]);
    expect(journal(dir, 'districts/gaoxin')).toMatch(/甲镇[\s\S]*丙镇|丙镇[\s\S]*甲镇/);
    expect(journal(dir, 'districts/gaoxin')).not.toContain('乙镇');
    expect(journal(dir, 'districts/jingkai')).toContain('乙镇');
    expect(journal(dir, 'districts/jingkai')).not.toMatch(/甲镇|丙镇/);
  }, 90_000);

  it('refuses a data directory still holding a one-district ledger, and answers from it once moved as the README says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-unmoved-'));
    const c = await conversation({ persistence: new FilePersistence(dir), admins: ['gx-admin'] });
    await c.say('添加单位 老城街道 类型镇街', { as: 'gx-admin' });
    await c.store.close();
    const before = filesOf(dir);
    const refused = await chat(dir, 'gx-admin', '单位进度 老城街道');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`数据目录 ${dir} 下直接放着一本单区部署的台账`);
    expect(filesOf(dir)).toEqual(before);
    expect(existsSync(join(dir, 'districts'))).toBe(false);

    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const move = readme
      .split('\n')
      .filter((line) => /mkdir -p districts\/gaoxin|find \. -mindepth 1/.test(line))
      .map((line) => line.replace(/^sudo -u saima /, '').replace(/\s+#.*$/, ''));
    expect(move).toHaveLength(2);
    for (const line of move) execFileSync('sh', ['-c', line], { cwd: dir });
    expect(readdirSync(dir)).toEqual(['districts']);
    const moved = await chat(dir, 'gx-admin', '单位进度 老城街道');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('老城街道');
    expect(readdirSync(join(dir, 'districts')).sort()).toEqual(['gaoxin', 'jingkai']);
  }, 60_000);
});
