import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAND_COLOUR } from '../../src/picture/five-colour-chart.ts';
import { SHEET_NAMES } from '../../src/workbook/columns.ts';
import { launchChromium, openPage } from '../helpers/chromium.ts';
import { loginLinkIn, startWebServer, type WebServer } from '../helpers/web-server.ts';
import { readWorkbook, sheet, valuesOf } from '../helpers/workbook.ts';

/**
 * The web view in a real Chromium against the real server (a child process on 127.0.0.1 with the
 * demo district), logged in through links that `npm run chat -- --as … 看板` hands out.
 */
let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The rows of a plain-text table in a chat reply: lines that start with a rank, split on blanks (cells hold none). */
function chatRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => /^\d+\s{2,}/.test(line))
    .map((line) => line.trim().split(/\s+/));
}

async function loggedInPage(account: string, size: { width?: number; height?: number } = {}) {
  const link = loginLinkIn(await server.chat(account, '看板'));
  const opened = await openPage(browser, server.baseUrl, size);
  await opened.page.goto(link);
  await opened.page.getByRole('button', { name: '登录看板' }).click();
  await opened.page.waitForURL(`${server.baseUrl}/web/race`);
  return { ...opened, link };
}

const RGB: Record<string, string> = Object.fromEntries(
  Object.entries(BAND_COLOUR).map(([colour, hex]) => {
    const n = Number.parseInt(hex.slice(1), 16);
    return [colour, `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`];
  }),
);

describe('the 赛马 page in Chromium', { timeout: 60_000 }, () => {
  it('opens from the 看板 link and shows 本月晾晒 with the same figures and colours as chat', async () => {
    const { page, watch, context } = await loggedInPage('member12');
    const chat = await server.chat('member12', '本月晾晒');
    const expected = chatRows(chat);
    expect(expected.length).toBeGreaterThan(10);

    const rows = await page.$$eval('#ranking tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
    expect(rows).toEqual(expected);
    // the title, 红榜, 黑榜 and gaps, word for word
    const title = await page.locator('#ranking h2').textContent();
    expect(chat).toContain(title as string);
    for (const line of await page.locator('#ranking .reply-lines p').allTextContents()) {
      expect(chat.replace(/\s+/g, '')).toContain(line.replace(/\s+/g, ''));
    }
    // the colour cell is painted in its band's colour, the one the PNG uses
    const painted = await page.$$eval('#ranking td.band', (tds) =>
      tds.map((td) => [td.textContent?.trim() ?? '', getComputedStyle(td).backgroundColor]),
    );
    expect(painted.length).toBe(expected.length);
    const word: Record<string, string> = { 绿: 'green', 蓝: 'blue', 黄: 'yellow', 橙: 'orange', 红: 'red' };
    for (const [label, background] of painted) {
      expect(background, label).toBe(RGB[word[(label as string).slice(-1)] as string]);
    }
    // ECharts drew the chart in the page, from files served by the bot: no errors, nothing from elsewhere
    await page.waitForSelector('#five-colour-chart[data-drawn="true"] canvas');
    expect(watch.errors).toEqual([]);
    expect(watch.offsite).toEqual([]);
    await context.close();
  });

  it('switches to 上月 and shows what 上月晾晒 shows in chat', async () => {
    const { page, context } = await loggedInPage('wangjianguo');
    await page.selectOption('select[name="period"]', 'last-month');
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(/period=last-month/);
    const chat = await server.chat('wangjianguo', '上月晾晒');
    expect(chat).toContain((await page.locator('#ranking h2').textContent()) as string);
    const rows = await page.$$eval('#ranking tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
    expect(rows).toEqual(chatRows(chat));
    await context.close();
  });

  it('导出台账 downloads the 台账 that exceljs reads; a member gets only their unit’s projects', async () => {
    const { page, context } = await loggedInPage('member12');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-ledger')]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = await readWorkbook(readFileSync((await download.path()) as string));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(Object.values(SHEET_NAMES));
    const units = new Set(valuesOf(sheet(workbook, SHEET_NAMES.projects)).map((r) => String(r.责任单位)));
    expect([...units]).toEqual(['工业园区管委会']);
    await context.close();
  });

  it('fits a phone: the page never scrolls sideways (the wide table scrolls in its own box)', async () => {
    const { page, context } = await loggedInPage('member12', { width: 390, height: 800 });
    await page.waitForSelector('#five-colour-chart[data-drawn="true"] canvas');
    const [pageWidth, viewport] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ]);
    expect(pageWidth).toBe(viewport);
    const table = await page.$eval('.table-wrap', (el) => [el.scrollWidth, el.clientWidth]);
    expect(table[0]).toBeGreaterThan(table[1] as number);
    await context.close();
  });

  it('下载图片 downloads the five-colour PNG', async () => {
    const { page, context } = await loggedInPage('member12');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-picture')]);
    expect(download.suggestedFilename()).toMatch(/晾晒\.png$/);
    const png = readFileSync((await download.path()) as string);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // 960 px wide at 2× like the pushed picture
    expect(png.readUInt32BE(16)).toBe(1920);
    await context.close();
  });
});

describe('login and logout in Chromium', { timeout: 60_000 }, () => {
  it('refuses a link that was already used', async () => {
    const { link, context } = await loggedInPage('member12');
    await context.close();
    const other = await openPage(browser, server.baseUrl);
    const response = await other.page.goto(link);
    expect(response?.status()).toBe(404);
    expect(await other.page.locator('h1').textContent()).toBe('链接已失效');
    expect(await other.page.locator('form').count()).toBe(0);
    await other.context.close();
  });

  it('退出 ends the session: the page is gone afterwards', async () => {
    const { page, context } = await loggedInPage('member12');
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForSelector('text=您已退出看板');
    await page.goto(`${server.baseUrl}/web/race`);
    expect(page.url()).toBe(`${server.baseUrl}/web/login-needed`);
    expect(await page.content()).not.toContain('经济信息委');
    await context.close();
  });

  it('without a session there is no page and no data', async () => {
    const { page, context } = await openPage(browser, server.baseUrl);
    for (const path of ['/web/race', '/web/race/chart.png?period=quarter', '/']) {
      await page.goto(server.baseUrl + path);
      expect(page.url(), path).toBe(`${server.baseUrl}/web/login-needed`);
      expect(await page.locator('main').textContent()).toContain('发送「看板」');
      expect(await page.content()).not.toContain('经济信息委');
    }
    await context.close();
  });

  it('a POST without the CSRF token is refused and changes nothing', async () => {
    const { page, context } = await loggedInPage('member12');
    const status = await page.evaluate(async () => {
      const res = await fetch('/web/logout', {
        method: 'POST',
        body: new URLSearchParams({ csrf: 'forged' }),
      });
      return res.status;
    });
    expect(status).toBe(403);
    const response = await page.goto(`${server.baseUrl}/web/race`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${server.baseUrl}/web/race`);
    await context.close();
  });
});
