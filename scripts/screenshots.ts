import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, openPage } from '../test/helpers/chromium.ts';
import { loginLinkIn, startWebServer } from '../test/helpers/web-server.ts';

const DOCS = join(import.meta.dirname, '..', 'docs');

/**
 * `npm run screenshots`: starts the real server on a fresh demo district, logs in through a 看板
 * link from `npm run chat` as the demo's member of 工业园区管委会, and saves the 赛马 page as
 * docs/web-race.png. Needs /usr/bin/chromium and a Chinese font on this machine (fonts-noto-cjk);
 * the server itself needs neither.
 */
async function main(): Promise<void> {
  mkdirSync(DOCS, { recursive: true });
  const [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
  try {
    const link = loginLinkIn(await server.chat('member12', '看板'));
    const { page, watch } = await openPage(browser, server.baseUrl, { width: 1280, height: 900 });
    await page.goto(link);
    await page.getByRole('button', { name: '登录看板' }).click();
    await page.waitForURL(`${server.baseUrl}/web/race`);
    await page.waitForSelector('#five-colour-chart[data-drawn="true"] canvas');
    await page.screenshot({ path: join(DOCS, 'web-race.png'), fullPage: true });
    if (watch.errors.length || watch.offsite.length) throw new Error(JSON.stringify(watch));
    process.stdout.write(`${join(DOCS, 'web-race.png')}\n`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
