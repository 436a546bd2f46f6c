import type { AddressInfo } from 'node:net';
import express from 'express';

export interface RecordedPush {
  key: string;
  body: { msgtype: string; markdown?: { content: string }; image?: { base64: string; md5: string } };
  at: number;
}

/**
 * A stand-in for qyapi.weixin.qq.com on 127.0.0.1: records group-robot pushes and response_url posts,
 * and answers with the errcodes a test queues for a key.
 */
export async function fakeWecom(options: { delayMs?: number; port?: number } = {}) {
  const pushes: RecordedPush[] = [];
  const attempts: RecordedPush[] = [];
  const responses: Array<{ code: string; body: unknown }> = [];
  const scripted = new Map<string, number[]>();
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  app.post('/cgi-bin/webhook/send', async (req, res) => {
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const key = String(req.query.key);
    const record = { key, body: req.body, at: Date.now() };
    attempts.push(record);
    const errcode = scripted.get(key)?.shift() ?? 0;
    if (errcode === 0) pushes.push(record);
    res.json({ errcode, errmsg: errcode === 0 ? 'ok' : `scripted ${errcode}, hint: [x]` });
  });
  app.post('/cgi-bin/aibot/response', (req, res) => {
    responses.push({ code: String(req.query.response_code), body: req.body });
    res.json({ errcode: 0, errmsg: 'ok' });
  });
  // a fixed port lets a test stop WeCom and bring it back at the same address
  const server = app.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    port: (server.address() as AddressInfo).port,
    pushes,
    attempts,
    responses,
    /** The next sends to `key` answer these errcodes, in order. */
    answer(key: string, ...errcodes: number[]) {
      scripted.set(key, [...(scripted.get(key) ?? []), ...errcodes]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
