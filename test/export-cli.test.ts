import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_HEADERS as P, SHEET_NAMES } from '../src/workbook/columns.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import { PgPersistence } from '../storage/pg/pg-persistence.ts';
import { Store } from '../storage/store.ts';
import { smallDistrict } from './helpers/conversation.ts';
import { freshDatabase } from './helpers/postgres.ts';
import { chatViaSocket, output, runEntry } from './helpers/server-process.ts';
import { readWorkbook, sheet, valuesOf } from './helpers/workbook.ts';

const NOW = '2023-06-30T12:00:00+08:00';

/** A data directory with two units' signings, closed again: as `npm run export` finds it. */
async function dataDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-export-cli-'));
  const c = await smallDistrict({ persistence: new FilePersistence(dir) });
  await c.say('登记签约 再生铝项目 合同额12亿 投资方某某集团 产业链铝产业 类型正式合同 日期2023-05-20', {
    as: 'lisi',
  });
  await c.say('登记签约 食品加工项目 合同额2亿 投资方某乙公司 类型正式合同 日期2023-06-01', { as: 'wangwu' });
  await c.store.close();
  return dir;
}

function files(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const path = join(e.parentPath, e.name);
        return [path, readFileSync(path).toString('base64')];
      }),
  );
}

function exportCli(dir: string, args: string[]) {
  return output(
    runEntry('src/export-cli.ts', args, {
      SAIMA_DATA_DIR: dir,
      SAIMA_NOW: NOW,
      SAIMA_DISTRICT_NAME: '正阳区',
    }),
  );
}

function started(child: ReturnType<typeof runEntry>): Promise<{ port: number }> {
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (c) => {
      log += c;
      const line = log.split('\n').find((l) => l.includes('"event":"started"'));
      if (line) resolve(JSON.parse(line));
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${log}`)));
  });
}

describe('npm run export', () => {
  it('writes the 台账 of a data directory and leaves every file of the directory as it was', async () => {
    const dir = await dataDir();
    const before = files(dir);
    const out = join(mkdtempSync(join(tmpdir(), 'saima-out-')), '台账.xlsx');
    const run = await exportCli(dir, ['--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('项目 2 个');
    expect(files(dir)).toEqual(before);
    const workbook = await readWorkbook(readFileSync(out));
    const projects = sheet(workbook, SHEET_NAMES.projects);
    expect(String(projects.getCell(1, 1).value)).toBe('正阳区 2023 年招商引资项目台账（截至 2023-06-30）');
    expect(valuesOf(projects).map((r) => [r[P.name], r[P.contractAmountWan]])).toEqual([
      ['再生铝项目', 120000],
      ['食品加工项目', 20000],
    ]);
    expect(valuesOf(sheet(workbook, SHEET_NAMES.audit)).length).toBe(7);
  });

  it('with SAIMA_DATABASE_URL exports the ledger kept in PostgreSQL, 变更记录 included, and writes nothing there', async () => {
    const db = await freshDatabase();
    try {
      const c = await smallDistrict({ persistence: new PgPersistence({ url: db.url }) });
      await c.say('登记签约 再生铝项目 合同额12亿 投资方某某集团 类型正式合同 日期2023-05-20', {
        as: 'lisi',
      });
      await c.store.close();
      const seq = c.store.seq;
      const out = join(mkdtempSync(join(tmpdir(), 'saima-out-')), '台账.xlsx');
      const empty = mkdtempSync(join(tmpdir(), 'saima-no-data-'));
      const run = await output(
        runEntry('src/export-cli.ts', ['--out', out], {
          SAIMA_DATA_DIR: empty,
          SAIMA_DATABASE_URL: db.url,
          SAIMA_NOW: NOW,
        }),
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const workbook = await readWorkbook(readFileSync(out));
      expect(valuesOf(sheet(workbook, SHEET_NAMES.projects)).map((r) => r[P.name])).toEqual(['再生铝项目']);
      expect(valuesOf(sheet(workbook, SHEET_NAMES.audit)).length).toBe(seq);
      expect(readdirSync(empty)).toEqual([]);
      const again = await Store.open(new PgPersistence({ url: db.url }));
      expect(again.seq).toBe(seq);
      await again.close();
      const backup = await output(
        runEntry('src/backup-cli.ts', [join(empty, 'b')], { SAIMA_DATABASE_URL: db.url }),
      );
      expect(backup.code).toBe(2);
      expect(backup.stderr).toContain('pg_dump');
      expect(existsSync(join(empty, 'b'))).toBe(false);
    } finally {
      await db.drop();
    }
  });

  it('exports one unit with --unit, and names bad arguments in Chinese without writing a file', async () => {
    const dir = await dataDir();
    const out = join(mkdtempSync(join(tmpdir(), 'saima-out-')), '园区.xlsx');
    const unit = await exportCli(dir, ['--out', out, '--unit', '工业园区管委会', '--as-of', '2023-06-30']);
    expect(unit.code).toBe(0);
    const rows = valuesOf(sheet(await readWorkbook(readFileSync(out)), SHEET_NAMES.projects));
    expect(rows.map((r) => r[P.name])).toEqual(['再生铝项目']);

    const bad = join(mkdtempSync(join(tmpdir(), 'saima-out-')), 'x.xlsx');
    const cases: Array<[string[], RegExp]> = [
      [['--out', bad, '--year', '2023', '--as-of', '2022-12-31'], /截至日期 2022-12-31 不在 2023 年内/],
      [['--out', bad, '--unit', '不存在的单位'], /没有名为「不存在的单位」的单位/],
      [['--out', bad, '--colour'], /不认识的参数 --colour/],
      [['--year', '2023'], /请用 --out 指定导出的文件/],
      [['--out', join(dir, 'no', 'such', 'x.xlsx')], /目录 .* 不存在/],
    ];
    for (const [args, message] of cases) {
      const run = await exportCli(dir, args);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toMatch(/^导出失败：/);
      expect(run.code).toBe(2);
      expect(existsSync(bad)).toBe(false);
    }
    const nowhere = await exportCli(join(dir, 'missing'), ['--out', bad]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/不是 saima 的数据目录/);
  }, 60_000);

  it('works while the server runs on the directory, and the server hands out 导出台账 links itself', async () => {
    const dir = await dataDir();
    const server = runEntry('src/main.ts', [], {
      SAIMA_DATA_DIR: dir,
      PORT: '0',
      SAIMA_NOW: NOW,
      SAIMA_ADMINS: 'admin',
      SAIMA_PUBLIC_URL: 'https://saima.example.gov.cn',
    });
    try {
      const { port } = await started(server);
      await chatViaSocket(dir, 'lisi', '到位资金 再生铝项目 8000万 凭证银行回单');
      const out = join(mkdtempSync(join(tmpdir(), 'saima-out-')), '台账.xlsx');
      const run = await exportCli(dir, ['--out', out]);
      expect(run.code).toBe(0);
      const rows = valuesOf(sheet(await readWorkbook(readFileSync(out)), SHEET_NAMES.projects));
      expect(rows.find((r) => r[P.name] === '再生铝项目')?.[P.fundsInPlaceWan]).toBe(8000);

      const reply = await chatViaSocket(dir, 'lisi', '导出台账');
      const url = /https:\/\/saima\.example\.gov\.cn(\/downloads\/[\w-]+)/.exec(reply)?.[1];
      expect(url).toBeDefined();
      const file = await fetch(`http://127.0.0.1:${port}${url}`, { method: 'POST' });
      expect(file.status).toBe(200);
      const mine = valuesOf(sheet(await readWorkbook(await file.arrayBuffer()), SHEET_NAMES.projects));
      expect(mine.map((r) => r[P.name])).toEqual(['再生铝项目']);
      expect((await fetch(`http://127.0.0.1:${port}${url}`, { method: 'POST' })).status).toBe(404);
    } finally {
      server.kill('SIGTERM');
      await output(server);
    }
  }, 60_000);
});
