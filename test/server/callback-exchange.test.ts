import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonLogger } from '../../src/core/logger.ts';
import { createApp, targetPath } from '../../src/server/app.ts';
import {
  CALLBACK_BODY_LIMIT_BYTES,
  type CallbackRoute,
  callbackTable,
} from '../../src/server/callback-exchange.ts';
import { conversation } from '../helpers/conversation.ts';
import { listenOnLoopback } from '../helpers/loopback.ts';

/** Callbacks that show what a receiver is handed: the body, a query parameter and a header. */
function probeRoutes(handled: string[]): CallbackRoute[] {
  return [
    {
      method: 'POST',
      path: '/webhook/echo',
      handle: async (exchange) => {
        const body = await exchange.body();
        if (body === null) return;
        handled.push(body);
        exchange.json(200, { body, a: exchange.query('a'), h: exchange.header('x-h') });
      },
    },
    {
      method: 'POST',
      path: '/webhook/refuses',
      handle: (exchange) => exchange.end(403),
    },
    {
      method: 'POST',
      path: '/webhook/throws',
      handle: () => {
        throw new Error('secret detail /srv/saima/src/x.ts');
      },
    },
    {
      method: 'POST',
      path: '/webhook/fails-midway',
      handle: async (exchange) => {
        exchange.text(200, 'text/plain', 'begun');
        throw new Error('after the answer');
      },
    },
  ];
}

let server: Server;
let base: string;
let port: number;
let lines: string[];
let handled: string[];

beforeEach(async () => {
  lines = [];
  handled = [];
  const c = await conversation();
  const app = createApp({
    store: c.store,
    callbacks: probeRoutes(handled),
    logger: jsonLogger((l) => lines.push(l)),
  });
  ({ server, base } = await listenOnLoopback(app));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  vi.restoreAllMocks();
});

function post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { method: 'POST', headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

/** Sends raw bytes and reads until the server closes or `until` matches what came back. */
function raw(bytes: string, until?: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      got += chunk;
      if (until?.test(got)) {
        socket.destroy();
        resolve(got);
      }
    });
    socket.on('close', () => resolve(got));
    socket.on('error', reject);
    socket.write(bytes);
  });
}

const refusals = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a callback served on Node http', () => {
  it('is handed the UTF-8 body, a query parameter given once and a header', async () => {
    const res = await post('/webhook/echo?a=1&b=2', '登记签约 再生铝项目', {
      'content-type': 'application/json; charset=UTF-8',
      'x-h': 'v',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ body: '登记签约 再生铝项目', a: '1', h: 'v' });
  });

  it('reads a repeated query parameter as missing, so nobody can smuggle a second value past a check', async () => {
    const res = await post('/webhook/echo?a=1&a=2', 'x');
    expect(JSON.parse(res.text)).toMatchObject({ a: null });
  });

  it('drops a byte-order mark and reads a body sent in chunks', async () => {
    const res = await post(
      '/webhook/echo',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]),
    );
    expect(JSON.parse(res.text)).toMatchObject({ body: '{}' });
    const chunked = await raw(
      'POST /webhook/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n',
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 200/);
    expect(chunked).toContain('"body":"abcdef"');
  });

  it.each([
    ['a charset other than UTF-8', { 'content-type': 'text/plain; charset=gbk' }, 415, 'unsupported_charset'],
    ['a compressed body', { 'content-encoding': 'gzip' }, 415, 'unsupported_encoding'],
    [
      'a declared length over the limit',
      { 'content-length': String(CALLBACK_BODY_LIMIT_BYTES + 1) },
      413,
      'body_too_large',
    ],
  ])(
    'refuses %s before reading it, closes the connection and logs once',
    async (_name, headers, status, code) => {
      const reply = await raw(
        `POST /webhook/echo HTTP/1.1\r\nHost: x\r\n${Object.entries({ 'content-length': '2', ...headers })
          .map(([k, v]) => `${k}: ${v}`)
          .join('\r\n')}\r\n\r\n{}`,
      );
      expect(reply).toMatch(new RegExp(`^HTTP/1\\.1 ${status}`));
      expect(reply).toMatch(/connection: close/i);
      expect(reply).toContain(`{"error":"${code}"}`);
      expect(handled).toEqual([]);
      expect(refusals()).toEqual([expect.objectContaining({ event: 'http_refused', status, code })]);
    },
  );

  it('stops reading a chunked body at the limit, without buffering the rest', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    const chunks = Array.from({ length: 64 }, () => `${(chunk.length).toString(16)}\r\n${chunk}\r\n`).join(
      '',
    );
    const reply = await raw(
      `POST /webhook/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`,
      /body_too_large/,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 413/);
    expect(handled).toEqual([]);
  });

  it('runs nothing for a client that goes away mid-body, and says so in the log', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /webhook/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhalf');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    await vi.waitFor(() =>
      expect(refusals()).toEqual([expect.objectContaining({ code: 'request_aborted' })]),
    );
    expect(handled).toEqual([]);
  });

  it('answers a thrown error with short JSON and one log line, never the message or a stack', async () => {
    const res = await post('/webhook/throws', '{}');
    expect(res.status).toBe(500);
    expect(res.text).toBe('{"error":"internal"}');
    expect(refusals()).toEqual([
      expect.objectContaining({ event: 'http_failed', status: 500, path: '/webhook/throws' }),
    ]);
    expect(lines.join('')).not.toContain('    at ');
  });

  it('keeps the answer it sent when it fails afterwards, logs the failure and sends no second answer', async () => {
    const consoleError = vi.spyOn(console, 'error');
    const res = await post('/webhook/fails-midway', '{}');
    expect(res).toMatchObject({ status: 200, text: 'begun' });
    expect(refusals()).toEqual([
      expect.objectContaining({ event: 'http_failed', path: '/webhook/fails-midway' }),
    ]);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('answers an empty refusal with its length, not chunked', async () => {
    const reply = await raw(
      'POST /webhook/echo HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 415/);
    const refusedEarly = await raw(
      'POST /webhook/refuses HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
    expect(refusedEarly).toMatch(/^HTTP\/1\.1 403/);
    expect(refusedEarly).toMatch(/content-length: 0/i);
    expect(refusedEarly).not.toMatch(/transfer-encoding/i);
  });

  it('is found only by its exact method and path; anything else is the rest of the app', async () => {
    for (const path of ['/webhook/echo/', '/WEBHOOK/echo', '/webhook/echo%20']) {
      const res = await post(path, '{}');
      expect(res.status, path).toBe(404);
      expect(JSON.parse(res.text)).toEqual({ error: 'not_found' });
    }
    const get = await fetch(`${base}/webhook/echo`);
    expect(get.status).toBe(404);
    expect(handled).toEqual([]);
  });
});

describe('the request target of a callback', () => {
  it('may be in absolute form, as HTTP/1.1 requires a server to accept (Express routed it too)', async () => {
    const reply = await raw(
      'POST http://saima.example/webhook/echo?a=1 HTTP/1.1\r\nHost: saima.example\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply).toContain('"a":"1"');
    expect(handled).toEqual(['{}']);
  });

  it('is still matched exactly once its scheme and authority are set aside', () => {
    expect(targetPath('/webhook/echo?x=1')).toBe('/webhook/echo');
    expect(targetPath('http://h/webhook/echo?x=1')).toBe('/webhook/echo');
    expect(targetPath('HTTPS://h:8443/webhook/echo')).toBe('/webhook/echo');
    expect(targetPath('http://h')).toBe('/');
    expect(targetPath('http://h/webhook/echo/')).toBe('/webhook/echo/');
    expect(targetPath('//webhook/echo')).toBe('//webhook/echo');
    expect(targetPath('*')).toBe('*');
    expect(targetPath('ftp://h/webhook/echo')).toBe('ftp://h/webhook/echo');
  });
});

describe('the table of callback routes', () => {
  it('refuses two receivers for one method and path, so neither could silently shadow the other', () => {
    const route: CallbackRoute = { method: 'POST', path: '/webhook/x', handle: () => undefined };
    expect(() => callbackTable([route, { ...route }])).toThrow(/two callbacks for POST \/webhook\/x/);
    expect(callbackTable([route, { ...route, method: 'GET' }]).size).toBe(2);
  });
});
