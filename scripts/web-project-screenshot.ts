import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, openPage } from '../test/helpers/chromium.ts';
import { demoDataDir, loginLinkIn, startWebServer } from '../test/helpers/web-server.ts';

/**
 * Writes docs/web-project.png: a project's page of the demo district (2026-11-29), after its member
 * and the bureau reported on it in chat, as the README's 「网页看板」 shows it.
 */
const NOW = '2026-11-29T10:00:00+08:00';
const server = await startWebServer({ dataDir: await demoDataDir(new Date(NOW)), env: { SAIMA_NOW: NOW } });
try {
  const list = await server.chat('member12', '签约未开工');
  // the list holds the task forces' projects too: take one of member12's own unit
  const own = list.split('\n').find((line) => line.includes('工业园区管委会'));
  const id = own ? /P\d{4}-\d{3,}/.exec(own)?.[0] : undefined;
  if (!id) throw new Error(`no signed-not-started project for member12:\n${list}`);
  for (const [as, text] of [
    ['member12', `进度 ${id} 一期厂房主体结构封顶，设备招标已完成`],
    ['member12', `到位资金 ${id} 3000万 凭证银行回单`],
    ['member12', `问题 ${id} 用地 二期用地指标尚未落实`],
    ['qianjin', `修改 ${id} 约定开工期限2027-03-31 包联领导王建国`],
  ] as const)
    process.stdout.write(`${as}: ${text}\n${await server.chat(as, text)}\n`);
  const browser = await launchChromium();
  try {
    const { page } = await openPage(browser, server.baseUrl, { width: 1280, height: 900 });
    await page.goto(loginLinkIn(await server.chat('member12', '看板')));
    await page.getByRole('button', { name: '登录看板' }).click();
    await page.waitForURL(/\/web\//);
    await page.goto(`${server.baseUrl}/web/projects/${id}`);
    const docs = join(import.meta.dirname, '..', 'docs');
    mkdirSync(docs, { recursive: true });
    await page.screenshot({ path: join(docs, 'web-project.png'), fullPage: true });
    process.stdout.write(`docs/web-project.png: ${id}\n`);
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
}
