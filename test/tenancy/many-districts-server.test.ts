import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { Store } from '../../storage/store.ts';
import { freshDatabase, queryRows } from '../helpers/postgres.ts';
import { chatViaSocket, output, runEntry } from '../helpers/server-process.ts';
import { loginLinkIn, startWebServer, type WebServer } from '../helpers/web-server.ts';

const ENV = {
  SAIMA_ADMINS: '',
  SAIMA_DISTRICTS: 'gaoxin:高新区:gx-admin,jingkai:经开区:jk-admin',
  SAIMA_CITY_NAME: '某市',
  SAIMA_CITY_ADMINS: 'city-admin',
  SAIMA_NOW: '2023-06-30T10:00:00+08:00',
};

/** The real server with two districts and the city, talked to as `npm run chat` and a browser do. */
describe('one server for two districts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'saima-districts-'));
  let server: WebServer;
  const say = (as: string, text: string) => chatViaSocket(dataDir, as, text);

  async function logIn(as: string): Promise<string> {
    const link = loginLinkIn(await say(as, '看板'));
    const res = await fetch(link, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: server.baseUrl },
    });
    expect(res.status).toBe(303);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  }
  const page = async (cookie: string, path: string) => {
    const res = await fetch(server.baseUrl + path, { headers: { cookie }, redirect: 'manual' });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    server = await startWebServer({ dataDir, env: ENV });
    for (const [admin, member, name] of [
      ['gx-admin', 'lisi', '李四'],
      ['jk-admin', 'wangwu', '王五'],
    ] as const) {
      await say(admin, '添加单位 工业园区管委会 类型园区');
      await say(admin, `添加成员 ${name} 账号${member} 单位工业园区管委会 角色成员`);
    }
    await say('lisi', '登记签约 新能源电池项目 合同额5亿 投资方甲集团 类型正式合同 日期2023-05-20');
    await say('wangwu', '登记签约 储能电站项目 合同额8亿 投资方乙集团 类型正式合同 日期2023-05-21');
    await say('wangwu', '登记签约 半导体封装项目 合同额3亿 投资方丙集团 类型正式合同 日期2023-06-02');
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('keeps each district in a directory of its own, and the city in another', () => {
    const journal = (dir: string) => readFileSync(join(dataDir, dir, 'journal.jsonl'), 'utf8');
    expect(journal('districts/gaoxin')).toContain('甲集团');
    expect(journal('districts/gaoxin')).not.toContain('乙集团');
    expect(journal('districts/jingkai')).toContain('乙集团');
    expect(journal('districts/jingkai')).not.toContain('甲集团');
    // the city's units are the districts
    expect(journal('city')).toContain('高新区');
    expect(existsSync(join(dataDir, 'journal.jsonl'))).toBe(false);
  });

  it("shows a member's web session their own district's projects and no other's", async () => {
    const lisi = await logIn('lisi');
    const list = await page(lisi, '/web/projects');
    expect(list.status).toBe(200);
    expect(list.text).toContain('新能源电池项目');
    expect(list.text).not.toMatch(/储能电站|半导体封装|乙集团|丙集团/);
    const race = await page(lisi, '/web/race');
    expect(race.text).not.toMatch(/储能电站|8亿|8\.00亿/);
  });

  it("answers another district's project page exactly as a page for a project nobody registered", async () => {
    const lisi = await logIn('lisi');
    const wangwu = await logIn('wangwu');
    const theirs = await page(wangwu, '/web/projects/P2023-002');
    expect(theirs.status).toBe(200);
    expect(theirs.text).toContain('半导体封装项目');
    const other = await page(lisi, '/web/projects/P2023-002');
    const none = await page(lisi, '/web/projects/P2023-999');
    expect(other.status).toBe(none.status);
    expect(other.text).toBe(none.text.replaceAll('P2023-999', 'P2023-002'));
    expect(other.text).not.toMatch(/半导体|丙集团/);
  });

  it("shows an admin's session nothing of the other district on any page", async () => {
    const admin = await logIn('gx-admin');
    for (const path of [
      '/web/race',
      '/web/projects',
      '/web/projects?q=储能',
      '/web/projects?unit=工业园区管委会',
      '/web/projects/P2023-001',
      '/web/projects/P2023-002',
      '/web/dispatch',
      '/web/import',
      '/web/export',
    ]) {
      const shown = await page(admin, encodeURI(path));
      expect(shown.status, path).toBeLessThan(500);
      expect(shown.text, path).not.toMatch(/储能电站|半导体封装|乙集团|丙集团|王五|wangwu/);
    }
  });

  it('keeps a session from one district out of the other when the cookie is replayed with its login link', async () => {
    const lisi = await logIn('lisi');
    const link = loginLinkIn(await say('wangwu', '看板'));
    const path = new URL(link).pathname;
    // a member of one district holding another district's link sees only that link's page, as its owner would
    const shown = await page(lisi, path);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('王五');
    const list = await page(lisi, '/web/projects');
    expect(list.text).not.toMatch(/储能电站|半导体封装/);
  });

  it('builds nothing from a 导出台账 link once the member who asked for it has left', async () => {
    await say('jk-admin', '添加成员 钱七 账号qianqi 单位工业园区管委会 角色成员');
    const link = /https?:\/\/\S+\/downloads\/[A-Za-z0-9_-]+/.exec(
      await say('qianqi', '导出台账'),
    )?.[0] as string;
    expect(link).toBeTruthy();
    await say('jk-admin', '删除成员 钱七');
    const res = await fetch(link, { method: 'POST', headers: { origin: server.baseUrl } });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/储能|半导体/);
  });

  it('reports every ledger on /healthz', async () => {
    const health = (await (await fetch(`${server.baseUrl}/healthz`)).json()) as {
      ok: boolean;
      ledgers: Record<string, number>;
    };
    expect(health.ok).toBe(true);
    expect(Object.keys(health.ledgers)).toEqual(['gaoxin', 'jingkai', 'city']);
    expect(health.ledgers.jingkai).toBeGreaterThan(0);
  });

  it('answers a stranger on the local socket as any district would, and writes nothing', async () => {
    const reply = await say('nobody', '全区进度');
    expect(reply).toMatch(/nobody/);
    expect(reply).not.toMatch(/亿|项目/);
  });

  it("ranks the districts for the city's admin on the city's targets", async () => {
    expect(await say('city-admin', '设置目标 高新区 2023年 市级目标 签约个数2 合同额10亿')).toMatch(/已设置/);
    expect(await say('city-admin', '设置目标 经开区 2023年 市级目标 签约个数4 合同额20亿')).toMatch(/已设置/);
    const ranking = await say('city-admin', '区县晾晒');
    expect(ranking).toMatch(/1 +经开区 +🟩绿 +106\.7% +完成11亿元／应达10亿元（110%）/);
    expect(ranking).toMatch(/2 +高新区 +🟩绿 +100% +完成5亿元／应达5亿元（100%）/);
    expect(await say('city-admin', '全市上半年总结')).toMatch(/全市签订正式合同3个；正式合同额16亿元/);
    expect(await say('lisi', '区县晾晒')).not.toMatch(/经开区/);
  });

  it('keeps both districts apart across a restart', async () => {
    await server.stop();
    server = await startWebServer({ dataDir, env: ENV });
    expect(await say('lisi', '全区进度')).toMatch(/5(\.0+)?亿/);
    const jingkai = await say('wangwu', '全区进度');
    expect(jingkai).toMatch(/11(\.0+)?亿/);
  }, 60_000);
});

describe('a server started for several districts on a one-district data directory', () => {
  it('refuses to start, says how to move the ledger, and touches nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'saima-unmoved-'));
    const one = await startWebServer({ dataDir, env: { SAIMA_ADMINS: 'admin' } });
    await chatViaSocket(dataDir, 'admin', '添加单位 工业园区管委会 类型园区');
    await one.stop();
    const before = readdirSync(dataDir).sort();
    const run = runEntry('src/main.ts', [], { ...ENV, SAIMA_DATA_DIR: dataDir, PORT: '0' });
    const done = await output(run);
    expect(done.code).not.toBe(0);
    expect(done.stderr).toMatch(/districts/);
    expect(readdirSync(dataDir).sort()).toEqual(before);
  }, 60_000);
});

describe('a server started for several districts on a database that holds one district', () => {
  it('refuses to start until the ledger is moved to a district stream, and writes nothing', async () => {
    const db = await freshDatabase();
    try {
      const one = await Store.open(new PgPersistence({ url: db.url }));
      one.addUnit(
        { actor: 'admin', command: 'test', at: new Date() },
        { name: '工业园区管委会', type: '园区' },
      );
      await one.durable();
      await one.close();
      const env = { ...ENV, SAIMA_DATABASE_URL: db.url, PORT: '0' };
      const refused = await output(
        runEntry('src/main.ts', [], { ...env, SAIMA_DATA_DIR: mkdtempSync(join(tmpdir(), 'saima-pg-')) }),
      );
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/日志流 district/);
      const streams = await queryRows<{ stream: string }>(
        db.url,
        'SELECT DISTINCT stream FROM saima_journal',
      );
      expect(streams.map((r) => r.stream)).toEqual(['district']);
    } finally {
      await db.drop();
    }
  }, 60_000);
});
