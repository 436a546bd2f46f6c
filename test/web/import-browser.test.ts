import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_LIMITS } from '../../src/workbook/import/read-limits.ts';
import { type BureauCell, plainWorkbook } from '../helpers/bureau-workbook.ts';
import { launchChromium, openPage } from '../helpers/chromium.ts';
import { loginLinkIn, startWebServer, type WebServer } from '../helpers/web-server.ts';

/**
 * 导入 in a real Chromium against the real server (the demo district; `qianjin` is its admin by
 * SAIMA_ADMINS): the file goes up from the page's file input, the report comes back, 确认导入 writes.
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

const GOOD_NAME = '网页导入测试智能装备项目';
const HEADER = ['项目名称', '责任单位', '阶段', '投资方', '签约日期', '合同额（万元）', '合同类型'];
const GOOD: BureauCell[] = [GOOD_NAME, '经济信息委', '签约', '某装备公司', '2026-01-05', 5000, '正式合同'];
/** 2 月 30 日 does not exist: row 3 of the sheet. */
const BAD: BureauCell[] = [
  '网页导入测试坏日期项目',
  '经济信息委',
  '签约',
  '某公司',
  '2026-02-30',
  3000,
  '正式合同',
];

/** Lines of the data directory's journals that record an import. */
function importsJournaled(): number {
  return readdirSync(server.dataDir)
    .filter((f) => f.startsWith('journal') && f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(server.dataDir, f), 'utf8').split('\n'))
    .filter((line) => line.includes('"import-ledger"')).length;
}

describe('the 导入 page in Chromium', { timeout: 90_000 }, () => {
  it('shows a bad row and writes nothing; then imports a good file on 确认导入 and the project is listed', async () => {
    const link = loginLinkIn(await server.chat('qianjin', '看板'));
    const { page, watch, context } = await openPage(browser, server.baseUrl);
    await page.goto(link);
    await page.getByRole('button', { name: '登录看板' }).click();
    await page.waitForURL(`${server.baseUrl}/web/race`);

    await page.goto(`${server.baseUrl}/web/dispatch`);
    await page.getByRole('link', { name: '导入', exact: true }).click();
    await page.waitForURL(`${server.baseUrl}/web/import`);

    // larger than the import reads: said at once, before any byte goes up
    await page.setInputFiles('#import-file', {
      name: '太大.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.alloc(READ_LIMITS.fileBytes + 1),
    });
    await page.getByRole('button', { name: '上传并试算' }).click();
    await expect
      .poll(() => page.locator('#import-status-text').textContent())
      .toBe('文件超过 20 MB，不能导入。');
    expect(page.url()).toBe(`${server.baseUrl}/web/import`);

    const bad = await plainWorkbook({ 项目台账: [HEADER, GOOD, BAD] });
    await page.setInputFiles('#import-file', {
      name: '坏台账.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bad,
    });
    // the upload is held until the page has shown that it is working: status text and a progress bar
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(`${server.baseUrl}/web/import`, async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.fallback();
    });
    await page.getByRole('button', { name: '上传并试算' }).click();
    await page.locator('#import-status').waitFor({ state: 'visible' });
    expect(await page.locator('#import-progress').isVisible()).toBe(true);
    expect(await page.locator('#import-status-text').textContent()).toMatch(/^正在(上传|读取)…$/);
    expect(await page.getByRole('button', { name: '上传并试算' }).isDisabled()).toBe(true);
    release();
    await page.waitForURL(/\/web\/import\/[A-Za-z0-9_-]+$/);
    await page.unroute(`${server.baseUrl}/web/import`);
    const report = (await page.locator('.import-report').textContent()) ?? '';
    expect(report).toContain('没有导入');
    expect(report).toMatch(/［项目台账］第 3 行 签约日期：.*2026-02-30/);
    expect(await page.getByRole('button', { name: '确认导入' }).count()).toBe(0);
    expect(importsJournaled()).toBe(0);
    await page.goto(`${server.baseUrl}/web/projects?q=${encodeURIComponent(GOOD_NAME)}`);
    expect(await page.locator('table.projects tbody tr').count()).toBe(0);

    await page.goto(`${server.baseUrl}/web/import`);
    await page.setInputFiles('#import-file', {
      name: '好台账.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await plainWorkbook({ 项目台账: [HEADER, GOOD] }),
    });
    await page.getByRole('button', { name: '上传并试算' }).click();
    await page.waitForURL(/\/web\/import\/[A-Za-z0-9_-]+$/);
    expect(await page.locator('.import-report').textContent()).toContain('新增 1');
    expect(importsJournaled()).toBe(0);
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.import-report').textContent()).toContain('好台账.xlsx');
    expect(importsJournaled()).toBe(1);

    await page.getByRole('link', { name: '查看项目' }).click();
    await page.waitForURL(`${server.baseUrl}/web/projects`);
    await page.goto(`${server.baseUrl}/web/projects?q=${encodeURIComponent(GOOD_NAME)}`);
    expect(await page.locator('table.projects tbody tr').allTextContents()).toEqual([
      expect.stringContaining(GOOD_NAME),
    ]);
    expect(watch.errors).toEqual([]);
    expect(watch.offsite).toEqual([]);
    await context.close();
  });
});
