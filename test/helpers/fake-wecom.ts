import type { AddressInfo } from 'node:net';
import express from 'express';

export interface RecordedPush {
  key: string;
  body: {
    msgtype: string;
    markdown?: { content: string };
    markdown_v2?: { content: string };
    image?: { base64: string; md5: string };
  };
  at: number;
}

/** A message the self-built app sent through message/send, with the token it used. */
export interface AppMessage {
  token: string;
  body: { touser: string; msgtype: string; agentid: number; text?: { content: string } };
}

/**
 * A stand-in for qyapi.weixin.qq.com on 127.0.0.1: records group-robot pushes, response_url posts
 * and the self-built app's messages, and answers with the errcodes a test queues — on a robot key,
 * a response_code, or the app's message/send — as HTTP 200 with `errcode`, as WeCom does.
 */
export async function fakeWecom(options: { delayMs?: number; port?: number } = {}) {
  const pushes: RecordedPush[] = [];
  const attempts: RecordedPush[] = [];
  const responses: Array<{ code: string; body: unknown }> = [];
  const scripted = new Map<string, number[]>();
  const appMessages: AppMessage[] = [];
  const tokensIssued: string[] = [];
  const pages = new Set<string>();
  const credentials = { corpid: 'wx5823bf96d3bd56c7', secret: 'app-secret-for-tests' };
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
    const code = String(req.query.response_code);
    if (pages.has(code)) {
      // a proxy in the way answers its own page: HTTP 200, but not WeCom's answer
      res.type('text/html').send('<html><body>网关维护中</body></html>');
      return;
    }
    const errcode = scripted.get(`response:${code}`)?.shift() ?? 0;
    if (errcode === 0) responses.push({ code, body: req.body });
    res.json({ errcode, errmsg: errcode === 0 ? 'ok' : `scripted ${errcode}, hint: [x]` });
  });
  // https://developer.work.weixin.qq.com/document/path/91039: a token valid 7200 s for the corp's app secret
  app.get('/cgi-bin/gettoken', (req, res) => {
    if (req.query.corpid !== credentials.corpid || req.query.corpsecret !== credentials.secret) {
      res.json({ errcode: 40001, errmsg: 'invalid credential' });
      return;
    }
    const token = `token-${tokensIssued.length + 1}`;
    tokensIssued.push(token);
    res.json({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
  });
  // https://developer.work.weixin.qq.com/document/path/90236: only the newest token is accepted
  app.post('/cgi-bin/message/send', (req, res) => {
    const token = String(req.query.access_token);
    const scriptedCode = scripted.get('app')?.shift();
    const errcode = scriptedCode ?? (token === tokensIssued.at(-1) ? 0 : 40014);
    if (errcode === 0) appMessages.push({ token, body: req.body });
    res.json({ errcode, errmsg: errcode === 0 ? 'ok' : `scripted ${errcode}`, invaliduser: '' });
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
    appMessages,
    tokensIssued,
    appCredentials: credentials,
    /** The next sends to `key` answer these errcodes, in order (`response:CODE` for a response_url, `app` for message/send). */
    answer(key: string, ...errcodes: number[]) {
      scripted.set(key, [...(scripted.get(key) ?? []), ...errcodes]);
    },
    /** The response_url with this code is answered by a proxy's HTML page instead of WeCom. */
    pageFor(code: string) {
      pages.add(code);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
