import type { AddressInfo } from 'node:net';
import axios from 'axios';
import express from 'express';
import { buildBot } from '../src/compose.ts';
import { silentLogger } from '../src/core/logger.ts';
import { DeliveryStatus } from '../src/delivery/delivery-status.ts';
import { ReplyOutbox } from '../src/delivery/reply-outbox.ts';
import { dingtalkRouter } from '../src/platforms/dingtalk/receiver.ts';
import { DingtalkSender } from '../src/platforms/dingtalk/sender.ts';
import { aesKeyFrom } from '../src/platforms/wecom/crypto.ts';
import { wecomRouter } from '../src/platforms/wecom/receiver.ts';
import { WecomWebhookSender } from '../src/platforms/wecom/webhook-sender.ts';
import { createApp } from '../src/server/app.ts';
import { MemoryPersistence } from '../storage/persistence.ts';
import { Store } from '../storage/store.ts';
import { syntheticDistrict } from './synthetic-district.ts';

/** Runs the real app (and a bare Express endpoint beside it) in its own process, so the load generator does not share its loop. */
const { token, aesKey, dingtalkSecret, size, today } = JSON.parse(process.argv[2] as string) as {
  token: string;
  dingtalkSecret: string;
  aesKey: string;
  size: never;
  today: string;
};
const store = await Store.open(new MemoryPersistence(syntheticDistrict(size, today)));
const bot = buildBot({
  store,
  clock: { now: () => new Date(`${today}T10:00:00+08:00`) },
  admins: [],
  logger: silentLogger,
});
const http = axios.create({ proxy: false });
const status = new DeliveryStatus();
// replies are stored as in production; nothing delivers them here (the platforms are not reachable)
const replies = new ReplyOutbox({
  store,
  clock: { now: () => new Date(`${today}T10:00:00+08:00`) },
  logger: silentLogger,
});
const router = wecomRouter({
  token,
  key: aesKeyFrom(aesKey),
  corpId: null,
  apiBase: 'http://127.0.0.1:9',
  respond: async (m) => ({ kind: 'answered', reply: bot.handle(m) }),
  replies,
  sender: new WecomWebhookSender({ apiBase: 'http://127.0.0.1:9', http, logger: silentLogger, status }),
  webhookKeyFor: () => null,
  logger: silentLogger,
});
const dingtalk = dingtalkRouter({
  appSecret: dingtalkSecret,
  // one bench sender sends thousands of messages: measure the pipeline, not the member flood limit
  respond: async (m) => (bot.alreadyHandled(m) ? null : { kind: 'answered', reply: bot.handle(m) }),
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
const app = createApp({ store, routers: [router, dingtalk] });
const bare = express();
bare.post('/bare', express.json(), (req, res) => {
  res.json({ ok: typeof (req.body as { encrypt?: string }).encrypt === 'string' });
});
const a = app.listen(0, '127.0.0.1');
const b = bare.listen(0, '127.0.0.1');
await Promise.all([a, b].map((s) => new Promise((r) => s.once('listening', r))));
process.stdout.write(
  `${JSON.stringify({ app: (a.address() as AddressInfo).port, bare: (b.address() as AddressInfo).port })}\n`,
);
process.on('SIGINT', () => process.exit(0));
