import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FilePersistence } from '../storage/file-persistence.ts';
import { Store } from '../storage/store.ts';
import { pgStreamState } from '../storage/store-migration-pg.ts';
import { livedInDataDir, tempDir } from './helpers/district-data-dirs.ts';
import { DISTRICTS_ENV, manyDistrictDataDir } from './helpers/many-district-data-dir.ts';
import { type FreshDatabase, freshDatabase } from './helpers/postgres.ts';
import { output, runEntry } from './helpers/server-process.ts';

const PASSWORD = 's3cret-Pa55';
let db: FreshDatabase;
/** The test database's URL with a password in it (the test server trusts local connections and ignores it). */
let urlWithPassword: string;

beforeEach(async () => {
  db = await freshDatabase();
  const url = new URL(db.url);
  url.password = PASSWORD;
  urlWithPassword = url.toString();
});

afterEach(async () => {
  await db.drop();
});

function migrate(args: string[], env: Record<string, string>) {
  return output(
    runEntry('src/migrate-store-cli.ts', args, {
      SAIMA_DATABASE_URL: urlWithPassword,
      SAIMA_NOW: '2023-06-30T12:00:00+08:00',
      ...env,
    }),
  );
}

const empty = { journalRows: 0, lastSeq: null, snapshots: 0 };

describe('npm run migrate-store', () => {
  it('moves a data directory into the database and back, prints a short summary, and never the password', async () => {
    const { dir, seq } = await livedInDataDir();
    const there = await migrate(['--to', 'postgres'], { SAIMA_DATA_DIR: dir });
    expect(there.stderr).toBe('');
    expect(there.code).toBe(0);
    expect(there.stdout).toContain('迁移完成');
    expect(there.stdout).toContain(
      `到第 ${seq} 条变更；变更记录 ${seq} 条（其中 1 条是 v6 之前的旧格式），逐条相同`,
    );
    expect(there.stdout).toMatch(/项目 4，/);
    expect(there.stdout).toMatch(
      /指标：6 期排名（2023年1月晾晒 … 2023年6月晾晒）及每期全区合计、全区进度，共 13 项，全部相同/,
    );
    expect(there.stdout).toContain('postgres://postgres:***@');
    expect((await pgStreamState(db.url, 'district')).lastSeq).toBe(seq);

    const back = join(tempDir(), 'back');
    const returned = await migrate(['--to', 'files'], { SAIMA_DATA_DIR: back });
    expect(returned.stderr).toBe('');
    expect(returned.code).toBe(0);
    expect(returned.stdout).toContain(`→ ${back}`);
    expect(existsSync(join(back, 'saima.json'))).toBe(true);
    expect(`${there.stdout}${returned.stdout}`).not.toContain(PASSWORD);
  });

  it('names a wrong argument in Chinese, exits 2 and writes nothing', async () => {
    const { dir } = await livedInDataDir();
    const cases: Array<[string[], RegExp]> = [
      [[], /请用 --to 说明往哪里搬/],
      [['--to', 'mysql'], /--to 只能是 postgres 或 files，不认识「mysql」/],
      [['--to', 'postgres', '--from', 'x'], /不认识的参数 --from/],
      [['--to', 'postgres', 'district'], /多余的「district」/],
      [['--to'], /参数 --to 后面要写值/],
    ];
    for (const [args, message] of cases) {
      const run = await migrate(args, { SAIMA_DATA_DIR: dir });
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.code, args.join(' ')).toBe(2);
    }
    const noDatabase = await migrate(['--to', 'postgres'], { SAIMA_DATA_DIR: dir, SAIMA_DATABASE_URL: '' });
    expect(noDatabase.stderr).toContain('没有设置 SAIMA_DATABASE_URL');
    expect(noDatabase.code).toBe(2);
    expect(await pgStreamState(db.url, 'district')).toEqual(empty);
  });

  it('refuses a data directory a running bot holds, and says to stop it first', async () => {
    const { dir } = await livedInDataDir();
    const running = await Store.open(new FilePersistence(dir));
    try {
      const run = await migrate(['--to', 'postgres'], { SAIMA_DATA_DIR: dir });
      expect(run.stderr).toContain('已被另一个 saima 进程');
      expect(run.stderr).toContain('请先停止机器人');
      expect(run.code).toBe(2);
    } finally {
      await running.close();
    }
    expect(await pgStreamState(db.url, 'district')).toEqual(empty);
  });

  it('refuses a target that holds a ledger, and a database it cannot reach, without the password', async () => {
    const { dir } = await livedInDataDir();
    expect((await migrate(['--to', 'postgres'], { SAIMA_DATA_DIR: dir })).code).toBe(0);
    const again = await migrate(['--to', 'postgres'], { SAIMA_DATA_DIR: dir });
    expect(again.stderr).toMatch(
      /已经有台账 district（\d+ 条变更记录，1 个快照），不会覆盖或合并；什么也没有写入/,
    );
    expect(again.code).toBe(2);
    const unreachable = new URL(urlWithPassword);
    unreachable.port = '1';
    const away = await migrate(['--to', 'postgres'], {
      SAIMA_DATA_DIR: dir,
      SAIMA_DATABASE_URL: unreachable.toString(),
    });
    expect(away.stderr).toContain('连不上数据库 postgres://postgres:***@127.0.0.1:1/');
    expect(away.code).toBe(2);
    expect(`${again.stderr}${away.stderr}`).not.toContain(PASSWORD);
  });
});

describe('npm run migrate-store in a many-district deployment', () => {
  const chat = (as: string, text: string) =>
    output(
      runEntry('src/chat-cli.ts', ['--as', as, text], {
        SAIMA_DATA_DIR: tempDir(),
        SAIMA_DATABASE_URL: db.url,
        ...DISTRICTS_ENV,
      }),
    );

  it('moves each district with --district into the stream the deployment reads it from, as SAIMA_DATA_DIR and --stream written out would, and back', async () => {
    const dir = await manyDistrictDataDir();
    const env = { SAIMA_DATA_DIR: dir, ...DISTRICTS_ENV };
    const gaoxin = await migrate(['--to', 'postgres', '--district', 'gaoxin'], env);
    expect(gaoxin.stderr).toBe('');
    expect(gaoxin.code).toBe(0);
    expect(gaoxin.stdout).toContain(`迁移完成：${join(dir, 'districts', 'gaoxin')} → PostgreSQL`);
    expect(gaoxin.stdout).toContain('（台账 district:gaoxin）');
    expect(gaoxin.stdout).toContain('下一步：district:gaoxin 已在数据库里。每个区和市级（city）都这样搬完后');
    expect((await pgStreamState(db.url, 'district:gaoxin')).lastSeq).toBe(3);
    expect(await pgStreamState(db.url, 'district:jingkai')).toEqual(empty);
    expect(await pgStreamState(db.url, 'district')).toEqual(empty);
    const jingkai = await migrate(['--to', 'postgres', '--stream', 'district:jingkai'], {
      ...env,
      SAIMA_DATA_DIR: join(dir, 'districts', 'jingkai'),
    });
    expect(jingkai.code).toBe(0);
    expect((await pgStreamState(db.url, 'district:jingkai')).lastSeq).toBe(4);
    expect((await migrate(['--to', 'postgres', '--district', 'city'], env)).code).toBe(0);
    expect((await pgStreamState(db.url, 'city')).lastSeq).toBe(2);

    // the deployment on the database finds each district where the migration put it
    expect((await chat('lisi', '全区进度')).stdout).toMatch(/正式合同额\s+5亿元/);
    expect((await chat('wangwu', '全区进度')).stdout).toMatch(/正式合同额\s+11亿元/);

    const back = tempDir();
    const returned = await migrate(['--to', 'files', '--district', 'jingkai'], {
      ...env,
      SAIMA_DATA_DIR: back,
    });
    expect(returned.code).toBe(0);
    expect(readdirSync(back)).toEqual(['districts']);
    const store = await Store.open(new FilePersistence(join(back, 'districts', 'jingkai')));
    expect(store.projects().map((p) => p.name)).toEqual(['储能电站项目', '半导体封装项目']);
    await store.close();
  }, 90_000);

  it("moves a one-district deployment's stream to a district's by the README's two commands", async () => {
    const { dir, seq } = await livedInDataDir();
    expect((await migrate(['--to', 'postgres'], { SAIMA_DATA_DIR: dir })).code).toBe(0);
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const steps = [
      ...readme.matchAll(
        /^\s*SAIMA_DATA_DIR=(\S+) npm run migrate-store -- (--to files --stream district|--to postgres --stream district:gaoxin)$/gm,
      ),
    ];
    expect(steps.map((m) => m[1])).toEqual(['/var/tmp/saima-move', '/var/tmp/saima-move']);
    const move = join(tempDir(), 'saima-move');
    for (const [, , args] of steps) {
      const run = await migrate((args as string).split(' '), { SAIMA_DATA_DIR: move, ...DISTRICTS_ENV });
      expect(run.stderr, args).toBe('');
      expect(run.code, args).toBe(0);
    }
    expect((await pgStreamState(db.url, 'district:gaoxin')).lastSeq).toBe(seq);
    // the one-district stream is left as it was, read by nobody now
    expect((await pgStreamState(db.url, 'district')).lastSeq).toBe(seq);
  }, 60_000);

  it('names the districts when neither --district nor --stream says which ledger, and refuses --district where it means nothing, writing nothing', async () => {
    const dir = await manyDistrictDataDir();
    const env = { SAIMA_DATA_DIR: dir, ...DISTRICTS_ENV };
    const cases: Array<[string[], Record<string, string>, string]> = [
      [
        ['--to', 'postgres'],
        env,
        '请用 --district 指定搬哪个区的台账（它的目录和数据库里的台账名都由它定），可选：gaoxin（高新区）、jingkai（经开区）、city（某市）',
      ],
      [['--to', 'postgres', '--district', 'gaoxin', '--stream', 'district:gaoxin'], env, '不要再写 --stream'],
      [
        ['--to', 'files', '--district', 'nanqu'],
        env,
        '没有代码或名称为「nanqu」的区；可选：gaoxin（高新区）、jingkai（经开区）、city（某市）',
      ],
      [
        ['--to', 'postgres', '--district', 'gaoxin'],
        { SAIMA_DATA_DIR: dir },
        '--district gaoxin 只用于多区部署',
      ],
    ];
    for (const [args, at, message] of cases) {
      const run = await migrate(args, at);
      expect(run.stderr, args.join(' ')).toContain(message);
      expect(run.code, args.join(' ')).toBe(2);
    }
    for (const stream of ['district', 'district:gaoxin', 'district:jingkai', 'city'])
      expect(await pgStreamState(db.url, stream)).toEqual(empty);
  }, 60_000);
});
