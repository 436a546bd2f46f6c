import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceAddress } from '../../src/server/source-address.ts';

/**
 * The callbacks no longer run through Express, but the refusal gate must still see the address
 * Express would call `req.ip` under the same SAIMA_TRUST_PROXY: a difference would let an attacker
 * pick the address their refusals are counted against, or count a proxy's traffic as one sender.
 */
let server: Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function both(trustProxy: string | number | null) {
  const app = express();
  if (trustProxy !== null) app.set('trust proxy', trustProxy);
  app.get('/', (req, res) => {
    res.json({ express: req.ip ?? null, ours: ours(req as unknown as IncomingMessage) });
  });
  const ours = sourceAddress(trustProxy);
  server = createServer(app).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server?.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return async (forwardedFor: string | null) => {
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      headers: forwardedFor === null ? {} : { 'x-forwarded-for': forwardedFor },
    });
    return (await res.json()) as { express: string; ours: string };
  };
}

const FORWARDED = [
  null,
  '',
  '203.0.113.9',
  '203.0.113.9, 10.0.0.2',
  '10.0.0.2, 203.0.113.9',
  '198.51.100.7, 127.0.0.1',
  'not-an-address',
  '203.0.113.9,,10.0.0.2',
  '2001:db8::1, ::1',
  ' 203.0.113.9 ,  10.1.2.3 ',
  Array.from({ length: 40 }, (_, i) => `10.0.${i}.1`).join(', '),
];

describe('the source address the refusal gate counts', () => {
  it.each([
    ['no trusted proxy', null],
    ['loopback', 'loopback'],
    ['a list of addresses and ranges', '127.0.0.1, 10.0.0.0/8'],
    ['one hop', 1],
    ['three hops', 3],
  ])('is what Express calls req.ip, for every X-Forwarded-For, with %s', async (_name, trust) => {
    const ask = await both(trust);
    for (const forwarded of FORWARDED) {
      const { express: expected, ours } = await ask(forwarded);
      expect(ours, `X-Forwarded-For: ${forwarded}`).toBe(expected);
    }
  });

  it('is the peer itself when no proxy is trusted, whatever X-Forwarded-For claims', async () => {
    const ask = await both(null);
    expect((await ask('203.0.113.9')).ours).toBe('127.0.0.1');
  });
});
