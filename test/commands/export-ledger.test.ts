import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { buildDemoDistrict } from '../../src/demo/build-demo-district.ts';
import { ledgerDesk } from '../../src/ledger-export.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { DownloadShelf } from '../../src/server/download-shelf.ts';
import { PROJECT_HEADERS as P, SHEET_NAMES } from '../../src/workbook/columns.ts';
import { MemoryPersistence } from '../../storage/persistence.ts';
import { Store } from '../../storage/store.ts';
import { listenOnLoopback } from '../helpers/loopback.ts';
import { readWorkbook, sheet, valuesOf } from '../helpers/workbook.ts';

const PUBLIC = 'https://saima.example.gov.cn';
const NOW = new Date('2026-11-29T10:00:00+08:00');

let store: Store;
let clockMs = NOW.getTime();
let base = '';
let close: () => void = () => {};
let demo: ReturnType<typeof buildDemoDistrict>;
const shelf = new DownloadShelf(PUBLIC, () => clockMs);

function botWith(desk: ReturnType<typeof ledgerDesk> | null) {
  const bot = buildBot({
    store,
    clock: { now: () => NOW },
    admins: [],
    logger: silentLogger,
    ledgerDesk: desk,
  });
  return (text: string, as: string, chat: string | null = null) =>
    renderPlainText(
      bot.handle({
        platform: 'test',
        messageId: null,
        chatId: chat,
        chatType: chat ? 'group' : 'single',
        senderId: as,
        text,
      }),
    );
}

let say: ReturnType<typeof botWith>;

beforeAll(async () => {
  store = await Store.open(new MemoryPersistence());
  demo = buildDemoDistrict(store, NOW);
  say = botWith(ledgerDesk(shelf, store, null, '正阳区'));
  const served = await listenOnLoopback(express().use(shelf.router()));
  base = served.base;
  close = () => served.server.close();
});
afterAll(() => close());

/** The link in a reply, pointed at the test server instead of the public address. */
function linkIn(reply: string): string {
  const url = /https:\/\/saima\.example\.gov\.cn\/downloads\/[A-Za-z0-9_-]+/.exec(reply)?.[0];
  if (!url) throw new Error(`no link in: ${reply}`);
  return url.replace(PUBLIC, base);
}

const download = (url: string) => fetch(url, { method: 'POST' });

describe('导出台账 gives a personal link that works once', () => {
  it('hands a leader a link whose page can be opened (a preview) without using it up, then downloads once', async () => {
    const reply = say('导出台账', demo.leaderAccount);
    expect(reply).toMatch(/2026 年（截至 2026-11-29）/);
    expect(reply).toMatch(/10 分钟内有效，只能下载一次/);
    const url = linkIn(reply);
    for (let i = 0; i < 2; i++) {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form method="post">');
    }
    const file = await download(url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain(
      '招商引资项目台账-2026-截至2026-11-29.xlsx',
    );
    const workbook = await readWorkbook(await file.arrayBuffer());
    expect(valuesOf(sheet(workbook, SHEET_NAMES.projects))).toHaveLength(store.projects().length);
    expect((await download(url)).status).toBe(404);
    expect((await fetch(url)).status).toBe(404);
  });

  it('lets a link go after 10 minutes', async () => {
    const url = linkIn(say('导出台账', demo.adminAccount));
    clockMs += 10 * 60_000 + 1;
    try {
      expect((await fetch(url)).status).toBe(404);
      expect((await download(url)).status).toBe(404);
    } finally {
      clockMs = NOW.getTime();
    }
  });

  it('answers a guessed link exactly like a used or expired one', async () => {
    const guessed = await download(`${base}/downloads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    const used = linkIn(say('导出台账', demo.adminAccount));
    await download(used);
    const again = await download(used);
    expect(guessed.status).toBe(404);
    expect(again.status).toBe(404);
    expect(await again.text()).toBe(await guessed.text());
  });

  it('gives a member a workbook of their own unit’s projects only', async () => {
    const reply = say('导出台账', 'member12');
    expect(reply).toContain('工业园区管委会的项目');
    const file = await download(linkIn(reply));
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain('工业园区管委会-');
    const rows = valuesOf(sheet(await readWorkbook(await file.arrayBuffer()), SHEET_NAMES.projects));
    const unitId = store.unitByName('工业园区管委会')?.id;
    expect(rows.map((r) => r[P.id]).sort()).toEqual(
      store
        .projects((p) => p.unitId === unitId)
        .map((p) => p.id)
        .sort(),
    );
    expect(rows.length).toBeLessThan(store.projects().length);
  });

  it('exports a past year whole when it is named', () => {
    expect(say('导出台账 2025年', demo.leaderAccount)).toMatch(/2025 年（截至 2025-12-31）/);
    expect(say('导出台账 2030年', demo.leaderAccount)).toContain('2030 年还没到');
  });
});

describe('导出台账 refuses without giving anything away', () => {
  it('puts no link into a group: anyone there could open it first', () => {
    const reply = say('导出台账', demo.leaderAccount, 'group-1');
    expect(reply).toContain('单聊');
    expect(reply).not.toContain('https://');
  });

  it('tells someone the bot does not know how to be added, and nothing else', () => {
    const reply = say('导出台账', 'stranger');
    expect(reply).not.toContain('https://');
    expect(reply).not.toContain('台账');
    for (const p of store.projects().slice(0, 20)) expect(reply).not.toContain(p.name);
  });

  it('says how to set SAIMA_PUBLIC_URL when the bot cannot serve files, and points the console to npm run export', () => {
    const withoutUrl = botWith(ledgerDesk(new DownloadShelf(null), store, null, null));
    const reply = withoutUrl('导出台账', demo.adminAccount);
    expect(reply).toContain('SAIMA_PUBLIC_URL');
    expect(reply).toContain('npm run export');
    expect(reply).not.toContain('/downloads/');
    expect(botWith(null)('导出台账', demo.adminAccount)).toContain('npm run export -- --out 台账.xlsx');
  });

  it('is listed in 帮助', () => {
    expect(say('帮助', demo.leaderAccount)).toContain('导出台账');
  });
});
