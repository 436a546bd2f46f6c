import express from 'express';
import { describe, expect, it } from 'vitest';
import { DownloadShelf } from '../../src/server/download-shelf.ts';
import { listenOnLoopback } from '../helpers/loopback.ts';

const file = (text: string) => async () => ({
  bytes: Buffer.from(text),
  filename: '台账.xlsx',
  type: 'text/plain',
});

async function serve(shelf: DownloadShelf) {
  const { server, base } = await listenOnLoopback(express().use(shelf.router()));
  return { base, close: () => server.close() };
}

const path = (url: string | null) => new URL(url as string).pathname;

describe('the download shelf', () => {
  it('hands out a file once, even to two requests at the same moment', async () => {
    let made = 0;
    const shelf = new DownloadShelf('https://saima.example.gov.cn');
    const url = shelf.put(
      '台账.xlsx',
      async () => {
        made++;
        return file('ledger')();
      },
      60_000,
    );
    expect(url).toMatch(/^https:\/\/saima\.example\.gov\.cn\/downloads\/[A-Za-z0-9_-]{32}$/);
    const { base, close } = await serve(shelf);
    try {
      const [a, b] = await Promise.all([
        fetch(`${base}${path(url)}`, { method: 'POST' }),
        fetch(`${base}${path(url)}`, { method: 'POST' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 404]);
      expect(made).toBe(1);
      const ok = a.status === 200 ? a : b;
      expect(await ok.text()).toBe('ledger');
      expect(ok.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent('台账.xlsx')}`,
      );
      expect(ok.headers.get('cache-control')).toBe('private, no-store');
    } finally {
      close();
    }
  });

  it('answers 500 when the file cannot be made, reports why, and the link is used up', async () => {
    const errors: unknown[] = [];
    const shelf = new DownloadShelf('https://saima.example.gov.cn', Date.now, (e) => errors.push(e));
    const url = shelf.put(
      '台账.xlsx',
      async () => {
        throw new Error('disk gone');
      },
      60_000,
    );
    const { base, close } = await serve(shelf);
    try {
      expect((await fetch(`${base}${path(url)}`, { method: 'POST' })).status).toBe(500);
      expect(errors.map((e) => (e as Error).message)).toEqual(['disk gone']);
      expect((await fetch(`${base}${path(url)}`, { method: 'POST' })).status).toBe(404);
    } finally {
      close();
    }
  });

  it('escapes the file name on its page, and gives no link without SAIMA_PUBLIC_URL', async () => {
    const shelf = new DownloadShelf('https://saima.example.gov.cn');
    const url = shelf.put('<b>台账</b>.xlsx', file('x'), 60_000);
    const { base, close } = await serve(shelf);
    try {
      const page = await (await fetch(`${base}${path(url)}`)).text();
      expect(page).toContain('&#60;b&#62;台账&#60;/b&#62;.xlsx');
      expect(page).not.toContain('<b>');
    } finally {
      close();
    }
    expect(new DownloadShelf(null).put('台账.xlsx', file('x'), 60_000)).toBeNull();
  });
});
