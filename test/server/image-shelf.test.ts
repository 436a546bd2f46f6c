import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { imageMarkdown } from '../../src/platforms/dingtalk/markdown.ts';
import { ImageShelf } from '../../src/server/image-shelf.ts';

async function serve(shelf: ImageShelf) {
  const app = express().use(shelf.router());
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('the image shelf', () => {
  it('serves a picture under an unguessable path until it expires', async () => {
    let now = 1_000;
    const shelf = new ImageShelf('https://saima.example.gov.cn', () => now);
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const url = shelf.put(png, 60_000) as string;
    expect(url).toMatch(/^https:\/\/saima\.example\.gov\.cn\/images\/[A-Za-z0-9_-]{32}\.png$/);
    const { base, close } = await serve(shelf);
    try {
      const path = new URL(url).pathname;
      const ok = await fetch(`${base}${path}`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await ok.arrayBuffer())).toEqual(png);
      expect((await fetch(`${base}/images/guessed.png`)).status).toBe(404);
      now += 60_001;
      expect((await fetch(`${base}${path}`)).status).toBe(404);
    } finally {
      close();
    }
  });

  it('gives no URL when SAIMA_PUBLIC_URL is not set', () => {
    expect(new ImageShelf(null).put(Buffer.from('x'))).toBeNull();
  });

  it('puts the picture into DingTalk markdown as a link', () => {
    expect(imageMarkdown('五色图', 'https://x/images/a.png', '文字版见上条')).toEqual({
      title: '五色图',
      text: '#### 五色图\n\n![五色图](https://x/images/a.png)\n\n文字版见上条',
    });
  });
});
