import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium package (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';

/** A real headless Chromium, with nothing that phones home: the tests run offline. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a page did that a test may want to see: script errors, CSP violations, requests that left the host. */
export interface PageWatch {
  errors: string[];
  offsite: string[];
}

/**
 * A fresh browser context (its own cookies) and page. Every request to another host is aborted and
 * recorded, so a page that loads anything from the internet fails its test instead of hanging.
 */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: { width?: number; height?: number } = {},
): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const own = new URL(baseUrl).origin;
  const watch: PageWatch = { errors: [], offsite: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(own) || url.startsWith('data:')) return route.continue();
    watch.offsite.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => watch.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(m.text());
  });
  return { context, page, watch };
}
