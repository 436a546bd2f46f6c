import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../../helpers/chromium.ts';
import { loginLinkIn, startWebServer, type WebServer } from '../../helpers/web-server.ts';

// The demo district (README 「演示数据」) on the real server, opened in real Chromium through links
// obtained in chat: wangjianguo is a district leader, member12 (朱琳) a member of 工业园区管委会,
// qianjin the admin.

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Logs in as the account through a 看板 link from chat; the page starts on 项目. */
async function loggedIn(account: string): Promise<Page> {
  const link = loginLinkIn(await server.chat(account, '看板'));
  const { page, watch } = await openPage(browser, server.baseUrl);
  await page.goto(link);
  await page.getByRole('button', { name: '登录看板' }).click();
  await page.waitForURL(/\/web\//);
  await page.goto(`${server.baseUrl}/web/projects`);
  expect(watch.offsite).toEqual([]);
  return page;
}

const rowIds = (page: Page) =>
  page.locator('table.projects tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
const column = (page: Page, n: number) =>
  page.locator(`table.projects tbody tr td:nth-child(${n})`).allTextContents();
const summary = async (page: Page) => ((await page.locator('p.summary').textContent()) ?? '').trim();

/** Every 编号 the viewer's list holds, page after page. */
async function allIds(page: Page): Promise<string[]> {
  await page.goto(`${server.baseUrl}/web/projects`);
  const ids: string[] = [];
  for (;;) {
    ids.push(...((await rowIds(page)) as string[]));
    const next = page.getByRole('link', { name: '下一页' });
    if ((await next.count()) === 0) return ids;
    await next.click();
  }
}

describe('the 项目 pages in Chromium', () => {
  it('narrow the list by the filters', async () => {
    const page = await loggedIn('wangjianguo');
    const all = await summary(page);
    expect(all).toMatch(/^共 \d+ 个项目/);
    await page.getByLabel('责任单位').selectOption({ label: '工业园区管委会' });
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/unit=/);
    expect(new Set(await column(page, 3))).toEqual(new Set(['工业园区管委会']));
    const byUnit = Number(/筛选出 (\d+) 个项目/.exec(await summary(page))?.[1]);
    expect(byUnit).toBeGreaterThan(0);
    expect(byUnit).toBeLessThan(Number(/共 (\d+)/.exec(all)?.[1]));
    await page.getByLabel('阶段').selectOption('签约');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/stage=/);
    expect(new Set(await column(page, 5))).toEqual(new Set(['签约']));
    expect(new Set(await column(page, 3))).toEqual(new Set(['工业园区管委会']));
    await page.getByLabel('灯色').selectOption('red');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/light=red/);
    for (const light of await column(page, 9)) expect(light).toBe('红灯');
    await page.getByRole('link', { name: '清除筛选' }).click();
    expect(await summary(page)).toBe(all);
    await page.context().close();
  });

  it("show a project's history with the message that set a figure, and the correction after it", async () => {
    const reply = await server.chat(
      'member12',
      '登记签约 网页测试再生铝项目 合同额12亿 投资方某某集团 产业链铝产业 类型正式合同 日期今天',
    );
    const id = /P\d{4}-\d{3,}/.exec(reply)?.[0] as string;
    expect(id).toBeTruthy();
    const page = await loggedIn('member12');
    await page.getByLabel('搜索').fill('网页测试');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.getByRole('link', { name: id }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`${id} 网页测试再生铝项目`);
    const first = page.locator('table.history tbody tr').first();
    expect(await first.locator('td.message').textContent()).toContain(
      '登记签约 网页测试再生铝项目 合同额12亿 投资方某某集团 产业链铝产业 类型正式合同 日期今天',
    );
    expect(await first.textContent()).toContain('朱琳（member12）');
    expect(await first.locator('ul.changes').textContent()).toContain('合同额：12亿元');
    await server.chat('qianjin', `修改 ${id} 合同额13亿`);
    await page.reload();
    const top = page.locator('table.history tbody tr').first();
    expect(await top.locator('td.message').textContent()).toContain(`修改 ${id} 合同额13亿`);
    expect(await top.textContent()).toContain('钱进（qianjin）');
    expect(await top.locator('ul.changes').textContent()).toBe('合同额：12亿元 → 13亿元');
    expect(await page.locator('section.card').textContent()).toContain('13亿元');
    await page.context().close();
  });

  it("never open another unit's project for a member, by the list or by URL", async () => {
    const leader = await loggedIn('wangjianguo');
    const everyId = await allIds(leader);
    await leader.context().close();
    const page = await loggedIn('member12');
    const mine = await allIds(page);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(everyId.length);
    const theirs = everyId.find((id) => !mine.includes(id)) as string;
    const answer = async (id: string) => {
      const response = await page.goto(`${server.baseUrl}/web/projects/${id}`);
      return { status: response?.status(), body: await response?.text() };
    };
    const opened = await answer(theirs);
    expect(opened.status).toBe(404);
    expect(opened).toEqual(await answer('P1999-999'));
    expect(opened.body).not.toContain(theirs);
    // nor does a search or a filter by that project's unit find it
    await page.goto(`${server.baseUrl}/web/projects?q=${theirs}`);
    expect(await rowIds(page)).toEqual([]);
    const own = await page.goto(`${server.baseUrl}/web/projects/${mine[0]}`);
    expect(own?.status()).toBe(200);
    await page.context().close();
  });

  it('page through the list on the server, keeping the filters and the order', async () => {
    const page = await loggedIn('wangjianguo');
    await page.goto(`${server.baseUrl}/web/projects?sort=amount&dir=desc`);
    const pages = Number(/第 \d+ \/ (\d+) 页/.exec(await summary(page))?.[1]);
    expect(pages).toBeGreaterThan(1);
    const first = await rowIds(page);
    expect(first).toHaveLength(50);
    await page.getByRole('link', { name: '下一页' }).click();
    await page.waitForURL(/page=2/);
    expect(page.url()).toMatch(/sort=amount/);
    expect(page.url()).toMatch(/dir=desc/);
    const second = await rowIds(page);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    expect(await summary(page)).toMatch(new RegExp(`第 2 / ${pages} 页`));
    await page.getByRole('link', { name: String(pages), exact: true }).click();
    await page.waitForURL(new RegExp(`page=${pages}`));
    expect((await rowIds(page)).length).toBeGreaterThan(0);
    await page.getByRole('link', { name: '上一页' }).click();
    await page.waitForURL(new RegExp(`page=${pages - 1}`));
    await page.context().close();
  });

  it("show chat's 签约未开工 list on 调度, and the pushes with a preview to the admin only", async () => {
    const chat = await server.chat('member12', '签约未开工');
    const page = await loggedIn('member12');
    await page.goto(`${server.baseUrl}/web/dispatch`);
    const ids = await page.locator('#not-started tbody tr td:first-child').allTextContents();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual([...chat.matchAll(/^(P\d{4}-\d{3,})\s/gm)].map((m) => m[1]));
    expect(await page.locator('#pushes').count()).toBe(0);
    await page.context().close();
    const admin = await loggedIn('qianjin');
    await admin.goto(`${server.baseUrl}/web/dispatch`);
    await admin.locator('#pushes').getByRole('link', { name: '每月通报' }).click();
    await admin.waitForURL(/preview=monthly/);
    expect(await admin.locator('#pushes h3').textContent()).toContain('推送预览：每月通报');
    expect(await admin.locator('#pushes .panel').count()).toBeGreaterThan(0);
    await admin.context().close();
  });
});
