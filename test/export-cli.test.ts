import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PROJECT_HEADERS as P, SHEET_NAMES } from '../src/workbook/columns.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import { PgPersistence } from '../storage/pg/pg-persistence.ts';
import { Store } from '../storage/store.ts';
import { smallDistrict } from './helpers/conversation.ts';
import { filesOf } from './helpers/district-data-dirs.ts';
import { DISTRICTS_ENV, manyDistrictDataDir, writeDistricts } from './helpers/many-district-data-dir.ts';
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

/** Every value on every sheet of the workbook: what must hold nothing of another district. */
function everything(workbook: ExcelJS.Workbook): string {
  const values: string[] = [];
  workbook.eachSheet((ws) => {
    ws.eachRow((row) => {
      values.push(JSON.stringify(row.values));
    });
  });
  return values.join('\n');
}

describe('npm run export in a many-district deployment', () => {
  const exportDistrict = (env: Record<string, string>, args: string[]) =>
    output(runEntry('src/export-cli.ts', args, { ...DISTRICTS_ENV, ...env }));
  const OTHERS = /储能电站|半导体封装|乙集团|丙集团/;

  it('needs --district, exports that district alone under its name, and writes nothing in the data directory', async () => {
    const dir = await manyDistrictDataDir();
    const before = filesOf(dir);
    const out = join(mkdtempSync(join(tmpdir(), 'saima-out-')), '台账.xlsx');
    const choices = 'gaoxin（高新区）、jingkai（经开区）';
    const cases: Array<[string[], string]> = [
      [
        ['--out', out],
        `这是多区部署（设置了 SAIMA_DISTRICTS）：请用 --district 指定哪个区，可选：${choices}`,
      ],
      [['--out', out, '--district', 'xinqu'], `没有代码或名称为「xinqu」的区；可选：${choices}`],
      [['--out', out, '--district', 'city'], `没有代码或名称为「city」的区；可选：${choices}`],
    ];
    for (const [args, message] of cases) {
      const run = await exportDistrict({ SAIMA_DATA_DIR: dir }, args);
      expect(run.stderr).toBe(`导出失败：${message}\n`);
      expect(run.code).toBe(2);
      expect(existsSync(out)).toBe(false);
    }

    const gaoxin = await exportDistrict({ SAIMA_DATA_DIR: dir }, ['--out', out, '--district', 'gaoxin']);
    expect(gaoxin.stderr).toBe('');
    expect(gaoxin.stdout).toContain('项目 1 个');
    const mine = await readWorkbook(readFileSync(out));
    const projects = sheet(mine, SHEET_NAMES.projects);
    expect(String(projects.getCell(1, 1).value)).toBe('高新区 2023 年招商引资项目台账（截至 2023-06-30）');
    expect(valuesOf(projects).map((r) => [r[P.name], r[P.contractAmountWan]])).toEqual([
      ['新能源电池项目', 50000],
    ]);
    expect(everything(mine)).not.toMatch(OTHERS);

    const byName = join(mkdtempSync(join(tmpdir(), 'saima-out-')), '经开区.xlsx');
    const jingkai = await exportDistrict({ SAIMA_DATA_DIR: dir }, ['--out', byName, '--district', '经开区']);
    expect(jingkai.code).toBe(0);
    const theirs = sheet(await readWorkbook(readFileSync(byName)), SHEET_NAMES.projects);
    expect(String(theirs.getCell(1, 1).value)).toMatch(/^经开区 2023 年/);
    expect(valuesOf(theirs).map((r) => r[P.name])).toEqual(['储能电站项目', '半导体封装项目']);
    expect(filesOf(dir)).toEqual(before);
  }, 60_000);

  it('refuses --district in a one-district deployment rather than ignore it', async () => {
    const dir = await dataDir();
    const out = join(mkdtempSync(join(tmpdir(), 'saima-out-')), '台账.xlsx');
    const run = await exportCli(dir, ['--out', out, '--district', 'gaoxin']);
    expect(run.stderr).toContain('--district gaoxin 只用于多区部署');
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it("with SAIMA_DATABASE_URL exports the district's own journal stream", async () => {
    const db = await freshDatabase();
    try {
      await writeDistricts(
        (id) => new PgPersistence({ url: db.url, stream: id === 'city' ? 'city' : `district:${id}` }),
      );
      const empty = mkdtempSync(join(tmpdir(), 'saima-no-data-'));
      const env = { SAIMA_DATA_DIR: empty, SAIMA_DATABASE_URL: db.url };
      const out = join(mkdtempSync(join(tmpdir(), 'saima-out-')), '台账.xlsx');
      const run = await exportDistrict(env, ['--out', out, '--district', 'jingkai']);
      expect(run.stderr).toBe('');
      const workbook = await readWorkbook(readFileSync(out));
      expect(valuesOf(sheet(workbook, SHEET_NAMES.projects)).map((r) => r[P.name])).toEqual([
        '储能电站项目',
        '半导体封装项目',
      ]);
      const jingkai = await Store.open(new PgPersistence({ url: db.url, stream: 'district:jingkai' }));
      expect(valuesOf(sheet(workbook, SHEET_NAMES.audit)).length).toBe(jingkai.seq);
      await jingkai.close();
      const gaoxin = await exportDistrict(env, ['--out', out, '--district', 'gaoxin']);
      expect(gaoxin.code).toBe(0);
      expect(everything(await readWorkbook(readFileSync(out)))).not.toMatch(OTHERS);
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      await db.drop();
    }
  }, 60_000);
});
