import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { createApp } from '../../src/server/app.ts';
import { escapeHtml } from '../../src/web/html.ts';
import { webRouter } from '../../src/web/web-app.ts';
import { runLedgerImport } from '../../src/workbook/import/run-ledger-import.ts';
import { ALUMINIUM, type BureauCell, importWorkbook, messyLedger } from '../helpers/bureau-workbook.ts';
import { smallDistrict } from '../helpers/conversation.ts';
import { listenOnLoopback } from '../helpers/loopback.ts';
import { journalOf } from '../helpers/test-store.ts';

const PUBLIC = 'https://saima.example.gov.cn';
const servers: Server[] = [];

afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** 2 月 30 日 does not exist: a problem in row 6 (title, filler line, two header rows, then the data). */
const BAD_DATE: BureauCell[] = [
  2,
  '某某设备项目',
  '经济信息委',
  '某设备',
  '装备',
  1,
  '2023-02-30',
  3000,
  '合作协议',
];

async function setUp() {
  const c = await smallDistrict({ publicUrl: PUBLIC });
  const app = createApp({
    store: c.store,
    routers: [
      webRouter({
        store: c.store,
        clock: c.clock,
        admins: new Set(['admin']),
        publicUrl: PUBLIC,
        logger: silentLogger,
        importLedger: (request) =>
          runLedgerImport({ store: c.store, admins: new Set(['admin']), clock: c.clock }, request),
      }),
    ],
    logger: silentLogger,
  });
  const { server, base } = await listenOnLoopback(app);
  servers.push(server);

  /** Logs `account` in through a 看板 link and reads the CSRF token from the page. */
  async function logIn(account: string) {
    const reply = await c.say('看板', { as: account });
    const path = /https:\/\/saima\.example\.gov\.cn(\/login\/[A-Za-z0-9_-]+)/.exec(reply)?.[1];
    if (!path) throw new Error(`no link in ${reply}`);
    const res = await fetch(base + path, { method: 'POST', redirect: 'manual', headers: { origin: base } });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const race = await (await fetch(`${base}/web/race`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(race)?.[1] as string;
    return { cookie, csrf };
  }

  /** What the page script sends: the file as the body, the token and the name in headers. */
  async function upload(who: { cookie: string; csrf: string }, bytes: Buffer, name = '2023台账.xlsx') {
    return fetch(`${base}/web/import`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: who.cookie,
        origin: base,
        'content-type': 'application/octet-stream',
        'x-csrf-token': who.csrf,
        'x-file-name': encodeURIComponent(name),
      },
      body: new Uint8Array(bytes),
    });
  }

  async function confirm(who: { cookie: string; csrf: string }, reportPath: string) {
    return fetch(base + reportPath, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: who.cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: who.csrf }).toString(),
    });
  }

  return { c, base, logIn, upload, confirm };
}

describe('the 导入 page', () => {
  it('is for admins: a member gets the same 404 as a missing page, and no upload is read', async () => {
    const t = await setUp();
    const member = await t.logIn('lisi');
    const page = await fetch(`${t.base}/web/import`, { headers: { cookie: member.cookie } });
    expect(page.status).toBe(404);
    const missing = await fetch(`${t.base}/web/no-such-page`, { headers: { cookie: member.cookie } });
    expect(await page.text()).toBe(await missing.text());
    const posted = await t.upload(member, await messyLedger([ALUMINIUM]));
    expect(posted.status).toBe(404);
    expect(t.c.store.projects()).toEqual([]);
    const dispatch = await (
      await fetch(`${t.base}/web/dispatch`, { headers: { cookie: member.cookie } })
    ).text();
    expect(dispatch).not.toContain('href="/web/import"');
  });

  it('is linked from the admin’s 调度 page and refuses an upload without the CSRF token', async () => {
    const t = await setUp();
    const admin = await t.logIn('admin');
    const dispatch = await (
      await fetch(`${t.base}/web/dispatch`, { headers: { cookie: admin.cookie } })
    ).text();
    expect(dispatch).toContain('href="/web/import"');
    const form = await (await fetch(`${t.base}/web/import`, { headers: { cookie: admin.cookie } })).text();
    expect(form).toContain('type="file"');
    expect(form).toContain('<progress');
    expect(form).toContain('正在读取…');
    const forged = await t.upload({ cookie: admin.cookie, csrf: 'x' }, await messyLedger([ALUMINIUM]));
    expect(forged.status).toBe(403);
    expect(t.c.store.projects()).toEqual([]);
  });

  it('shows every problem of a bad row as the console reports it, offers no 确认导入 and writes nothing', async () => {
    const t = await setUp();
    const admin = await t.logIn('admin');
    const bytes = await messyLedger([ALUMINIUM, BAD_DATE]);
    const records = (await journalOf(t.c.store)).length;
    const res = await t.upload(admin, bytes);
    expect(res.status).toBe(303);
    const reportPath = res.headers.get('location') as string;
    expect(reportPath).toMatch(/^\/web\/import\/[A-Za-z0-9_-]{20,}$/);
    const page = await (await fetch(t.base + reportPath, { headers: { cookie: admin.cookie } })).text();
    // the console's own report of the same file, line by line
    const cli = await importWorkbook(t.c, bytes, { dryRun: true, fileName: '2023台账.xlsx' });
    expect(cli.failed).toBe(true);
    expect(cli.text).toContain('第 6 行');
    for (const line of cli.text.split('\n')) expect(page).toContain(escapeHtml(line));
    expect(page).not.toContain('确认导入');
    expect(t.c.store.projects()).toEqual([]);
    expect((await journalOf(t.c.store)).length).toBe(records);
    // nor can the checked upload be confirmed by posting to it anyway
    const forced = await (await t.confirm(admin, reportPath)).text();
    expect(forced).toContain('已失效');
    expect(t.c.store.projects()).toEqual([]);
    expect((await journalOf(t.c.store)).length).toBe(records);
  });

  it('confirms the checked upload once, journals file and sha256, and 撤销 in chat takes it back', async () => {
    const t = await setUp();
    const admin = await t.logIn('admin');
    const res = await t.upload(admin, await messyLedger([ALUMINIUM]));
    const reportPath = res.headers.get('location') as string;
    const report = await (await fetch(t.base + reportPath, { headers: { cookie: admin.cookie } })).text();
    expect(report).toContain('新增 1');
    expect(report).toContain('确认导入');
    expect(t.c.store.projects()).toEqual([]);

    const before = (await journalOf(t.c.store)).length;
    const done = await t.confirm(admin, reportPath);
    expect(done.status).toBe(200);
    const text = await done.text();
    expect(text).toContain('2023台账.xlsx');
    expect(text).toContain('撤销');
    expect(t.c.store.projects().map((p) => p.name)).toEqual(['年产30万吨再生铝项目']);
    const written = (await journalOf(t.c.store)).slice(before);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ actor: 'admin', command: 'import-ledger' });
    expect(written[0]?.text).toMatch(/^导入台账 2023台账\.xlsx（sha256 [0-9a-f]{64}，1 行）$/);

    // the same token again: refused, nothing written a second time
    const again = await (await t.confirm(admin, reportPath)).text();
    expect(again).toContain('已失效');
    expect((await journalOf(t.c.store)).length).toBe(before + 1);

    expect(await t.c.say('撤销', { as: 'admin' })).toContain('已撤销：导入台账「2023台账.xlsx」');
    expect(t.c.store.projects()).toEqual([]);
  });

  it('refuses a token from another session and one older than 10 minutes', async () => {
    const t = await setUp();
    const admin = await t.logIn('admin');
    const other = await t.logIn('admin');
    const first = await t.upload(admin, await messyLedger([ALUMINIUM]));
    const reportPath = first.headers.get('location') as string;
    expect(await (await t.confirm(other, reportPath)).text()).toContain('已失效');
    expect(t.c.store.projects()).toEqual([]);

    const second = await t.upload(admin, await messyLedger([ALUMINIUM]));
    const late = second.headers.get('location') as string;
    t.c.setNow('2023-06-30T10:11:00+08:00');
    expect(await (await t.confirm(admin, late)).text()).toContain('已失效');
    expect(t.c.store.projects()).toEqual([]);
  });

  it('says why a file that is not a workbook cannot be read', async () => {
    const t = await setUp();
    const admin = await t.logIn('admin');
    const res = await t.upload(admin, Buffer.from('not a workbook at all'), 'notes.txt');
    const page = await (
      await fetch(t.base + (res.headers.get('location') as string), { headers: { cookie: admin.cookie } })
    ).text();
    expect(page).toContain('class="problem"');
    expect(page).not.toContain('确认导入');
    expect(t.c.store.projects()).toEqual([]);
  });
});
