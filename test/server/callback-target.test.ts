import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { createApp, targetPath } from '../../src/server/app.ts';
import type { CallbackRoute } from '../../src/server/callback-exchange.ts';
import { conversation } from '../helpers/conversation.ts';

const handled: string[] = [];
const routes: CallbackRoute[] = [
  {
    method: 'POST',
    path: '/webhook/echo',
    handle: async (exchange) => {
      const body = await exchange.body();
      if (body === null) return;
      handled.push(body);
      exchange.json(200, { a: exchange.query('a') });
    },
  },
];

let server: Server;
let port: number;

beforeEach(async () => {
  handled.length = 0;
  const c = await conversation();
  server = createApp({ store: c.store, callbacks: routes, logger: silentLogger }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      got += chunk;
      if (/\r\n\r\n[\s\S]*\}/.test(got)) socket.destroy();
    });
    socket.on('close', () => resolve(got));
    socket.on('error', reject);
    socket.write(bytes);
  });
}

describe('the request target of a callback', () => {
  it('may be in absolute form, as HTTP/1.1 requires a server to accept (Express routed it too)', async () => {
    const reply = await raw(
      'POST http://saima.example/webhook/echo?a=1 HTTP/1.1\r\nHost: saima.example\r\nContent-Length: 2\r\n\r\n{}',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply).toContain('{"a":"1"}');
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
