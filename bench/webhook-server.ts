import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import express from 'express';
import { buildBot } from '../src/compose.ts';
import type { IncomingMessage } from '../src/core/incoming.ts';
import { silentLogger } from '../src/core/logger.ts';
import { DeliveryStatus } from '../src/delivery/delivery-status.ts';
import { ReplyOutbox } from '../src/delivery/reply-outbox.ts';
import { dingtalkCallbacks } from '../src/platforms/dingtalk/receiver.ts';
import { DingtalkSender } from '../src/platforms/dingtalk/sender.ts';
import { aesKeyFrom } from '../src/platforms/wecom/crypto.ts';
import { wecomCallbacks } from '../src/platforms/wecom/receiver.ts';
import { WecomWebhookSender } from '../src/platforms/wecom/webhook-sender.ts';
import { createApp, type HttpApp } from '../src/server/app.ts';
import { CALLBACK_BODY_LIMIT_BYTES } from '../src/server/callback-exchange.ts';
import { MemoryPersistence } from '../storage/persistence.ts';
import { Store } from '../storage/store.ts';
import { type Size, syntheticDistrict } from './synthetic-district.ts';

/**
 * One side of the webhook bench in its own process, so the load generator does not share its loop:
 * `app` is the real app on a synthetic district, `bare` is bare Express receiving the same bodies.
 */
type Options =
  | { kind: 'bare' }
  | { kind: 'node' }
  | { kind: 'app'; token: string; dingtalkSecret: string; aesKey: string; size: Size; today: string };

async function appServer(o: Extract<Options, { kind: 'app' }>): Promise<HttpApp> {
  const clock = { now: () => new Date(`${o.today}T10:00:00+08:00`) };
  const store = await Store.open(new MemoryPersistence(syntheticDistrict(o.size, o.today)));
  const bot = buildBot({ store, clock, admins: [], logger: silentLogger });
  // one bench sender sends thousands of messages: measure the pipeline, not the member flood limit
  const respond = async (m: IncomingMessage) =>
    bot.alreadyHandled(m) ? null : { kind: 'answered' as const, reply: await bot.handle(m) };
  const http = axios.create({ proxy: false });
  const status = new DeliveryStatus();
  // what is left over from an answer goes to the outbox as in production; nothing delivers it here.
  // The bench's DingTalk callbacks carry no live sessionWebhook, so their answers are not stored.
  const replies = new ReplyOutbox({ store, clock, logger: silentLogger });
  const wecom = wecomCallbacks({
    token: o.token,
    key: aesKeyFrom(o.aesKey),
    corpId: null,
    apiBase: 'http://127.0.0.1:9',
    respond,
    replies,
    sender: new WecomWebhookSender({ apiBase: 'http://127.0.0.1:9', http, logger: silentLogger, status }),
    webhookKeyFor: () => null,
    logger: silentLogger,
  });
  const dingtalk = dingtalkCallbacks({
    appSecret: o.dingtalkSecret,
    respond,
    sender: new DingtalkSender({
      apiBase: 'http://127.0.0.1:9',
      oapiBase: 'http://127.0.0.1:9',
      appKey: null,
      appSecret: null,
      robotCode: null,
      http,
      logger: silentLogger,
      status,
      customRobotFor: () => null,
    }),
    replies,
    logger: silentLogger,
  });
  return createApp({ store, callbacks: [...wecom, ...dingtalk], logger: silentLogger });
}

/**
 * The least a receiver can do: parse the JSON body (with the same size cap) and answer 200. It
 * answers with no body: `res.json({})` would cost it a quarter more (an ETag hash, a Buffer copy).
 */
function bareServer(): express.Express {
  const bare = express();
  bare.post('/bare', express.json({ limit: CALLBACK_BODY_LIMIT_BYTES }), (_req, res) => {
    res.status(200).end();
  });
  return bare;
}

/**
 * The same least receiver on Node's own http, no Express: what Express itself costs a request
 * (its router, and the request and response it re-prototypes), for the bench to print beside it.
 */
function nodeServer(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > CALLBACK_BODY_LIMIT_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200);
      res.end();
    });
  });
}

const options = JSON.parse(process.argv[2] as string) as Options;
const server =
  options.kind === 'node'
    ? nodeServer().listen(0, '127.0.0.1')
    : (options.kind === 'app' ? await appServer(options) : bareServer()).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
// SIGINT exits normally, so that `--cpu-prof` writes its profile
process.on('SIGINT', () => process.exit(0));
