import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { createApp } from '../../src/server/app.ts';
import type { CallbackRoute } from '../../src/server/callback-exchange.ts';
import { conversation } from '../helpers/conversation.ts';
import { listenOnLoopback } from '../helpers/loopback.ts';

/**
 * A callback refused on its headers or query (DingTalk's sign, WeCom's stale timestamp) never
 * reads its body. Unless the connection is closed, Node then reads and throws away whatever body
 * the sender declared or keeps chunking, for as long as it keeps coming: the 64 KB cap and the
 * refusal gate count that request once, however many gigabytes it carries.
 */
const routes: CallbackRoute[] = [
  { method: 'POST', path: '/webhook/refuses', handle: (exchange) => exchange.end(403) },
  {
    method: 'POST',
    path: '/webhook/reads',
    handle: async (exchange) => {
      const body = await exchange.body();
      if (body !== null) exchange.json(200, { length: body.length });
    },
  },
];

let server: Server;
let port: number;

beforeEach(async () => {
  const c = await conversation();
  ({ server } = await listenOnLoopback(
    createApp({ store: c.store, callbacks: routes, logger: silentLogger }),
  ));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Sends a request's head, then a chunked body for as long as the server takes it (at most `ms`). */
function endlessBody(path: string, ms: number): Promise<{ answer: string; taken: number; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setMaxListeners(0);
    let answer = '';
    let taken = 0;
    let closed = false;
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
    });
    const data = Buffer.alloc(256 * 1024, 120);
    const chunk = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
    socket.on('connect', async () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`);
      const start = Date.now();
      while (!closed && Date.now() - start < ms) {
        if (!socket.write(chunk)) {
          await new Promise((r) => {
            socket.once('drain', r);
            socket.once('close', r);
            setTimeout(r, ms);
          });
        }
        taken += data.length;
      }
      socket.destroy();
      resolve({ answer, taken, closed });
    });
  });
}

describe('a callback answered before its body is read', () => {
  it('closes the connection instead of reading an endless body it refused', async () => {
    const { answer, taken, closed } = await endlessBody('/webhook/refuses', 1500);
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
    expect(answer).toMatch(/connection: close/i);
    expect(closed).toBe(true);
    // the socket's buffers hold a few MB at most; without the close it is hundreds of MB a second
    expect(taken).toBeLessThan(32 * 1024 * 1024);
  });

  it('keeps the connection of a callback that read its body', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/webhook/reads`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('connection')).toBe('keep-alive');
  });
});

describe('any other path answered without reading its body', () => {
  it('closes the connection too: an unknown path is no cheaper a way to make the server drain a body', async () => {
    const { answer, taken, closed } = await endlessBody('/no/such/path', 1500);
    expect(answer).toMatch(/^HTTP\/1\.1 404/);
    expect(answer).toMatch(/connection: close/i);
    expect(closed).toBe(true);
    expect(taken).toBeLessThan(32 * 1024 * 1024);
  });

  it('keeps the connection of a request without a body', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/no/such/path`);
    expect(res.status).toBe(404);
    expect(res.headers.get('connection')).toBe('keep-alive');
  });
});
