import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import dotenv from 'dotenv';
import type { Router } from 'express';
import { FilePersistence } from '../storage/file-persistence.ts';
import type { OutboxItem } from '../storage/schema.ts';
import { Store } from '../storage/store.ts';
import { buildBot } from './compose.ts';
import { ConfigError, loadConfig } from './config.ts';
import { jsonLogger } from './core/logger.ts';
import { DeliveryStatus } from './delivery/delivery-status.ts';
import { ReplyOutbox } from './delivery/reply-outbox.ts';
import { fiveColourPng } from './picture/five-colour-chart.ts';
import { dingtalkFromConfig } from './platforms/dingtalk/dingtalk-platform.ts';
import { wecomFromConfig } from './platforms/wecom/wecom-platform.ts';
import { dingtalkChannel, type PushChannel, wecomAppChannel, wecomChannel } from './push/channels.ts';
import { OutboxWorker } from './push/outbox-worker.ts';
import { PushService } from './push/push-service.ts';
import { rankUnits } from './race/ranking.ts';
import { readSettings } from './race/settings.ts';
import { createApp } from './server/app.ts';
import { ImageShelf } from './server/image-shelf.ts';
import { listenLocalSocket } from './server/local-socket.ts';
import { zh } from './text/zh.ts';
import { frozenClock, systemClock } from './time/clock.ts';

/** The composition root: the only place that reads the environment, opens the store and listens. */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const logger = jsonLogger();
  const config = loadConfig(process.env);
  const dataDir = resolve(config.SAIMA_DATA_DIR);
  // The port first: a start that cannot listen must not create, lock or touch the data directory.
  // Until the store is open every request gets 503, which the platforms retry.
  let serve: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => {
    if (serve) return serve(req, res);
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"starting":true}');
  });
  await listen(server, config.PORT, config.HOST);
  let store: Store;
  try {
    store = await Store.open(
      new FilePersistence(dataDir, { log: (line) => logger.warn('store', { message: line }) }),
    );
  } catch (e) {
    server.close();
    throw e;
  }
  const clock = config.SAIMA_NOW ? frozenClock(config.SAIMA_NOW) : systemClock;
  const status = new DeliveryStatus();
  // the platforms are built with the bot, the push service after them: the trigger looks them up when used
  let pushes: PushService | null = null;
  const channels = new Map<string, PushChannel>();
  let webhookKeyFor: ((chatId: string) => string | null) | null = null;
  const bot = buildBot({
    store,
    clock,
    admins: config.SAIMA_ADMINS,
    logger,
    deliveries: status,
    pushNow: {
      // the self-built app answers members privately: it has no groups to push to
      platforms: () => (pushes ? [...channels.keys()].filter((p) => p !== 'wecom-app') : []),
      canSend: (platform, chatId) =>
        pushes !== null &&
        channels.has(platform) &&
        (platform !== 'wecom' || (webhookKeyFor?.(chatId) ?? null) !== null),
      run: (kind) => (pushes ? pushes.run(kind, clock.now(), 'manual') : Promise.resolve(null)),
    },
  });
  const images = new ImageShelf(config.SAIMA_PUBLIC_URL);
  const pictureFor = (picture: { title: string; asOf: string }) => {
    const settings = readSettings(store);
    return fiveColourPng(rankUnits(store, picture.asOf, settings), picture.title, settings);
  };
  // replies are written to the outbox; the worker (made once the senders exist) delivers them
  const replies = new ReplyOutbox({ store, clock, logger });
  const wecom = wecomFromConfig(config, { bot, logger, status, replies, pictureFor });
  const dingtalk = dingtalkFromConfig(config, {
    bot,
    logger,
    status,
    replies,
    pictureUrl: async (picture) => images.put(await pictureFor(picture)),
    // without SAIMA_PUBLIC_URL the app robot uploads the picture itself, from the data directory
    pictureFile: async (picture) => {
      const dir = join(dataDir, 'pictures');
      await mkdir(dir, { recursive: true });
      const name = `reply-${picture.asOf.replace(/[^0-9-]/g, '')}-${createHash('sha256').update(picture.title).digest('hex').slice(0, 8)}.png`;
      await writeFile(join(dir, name), await pictureFor(picture));
      return join(dir, name);
    },
  });
  const platforms = [wecom && 'wecom', dingtalk && 'dingtalk'].filter(Boolean);
  const routers = [wecom?.router, dingtalk?.router, images.router()].filter((r): r is Router => Boolean(r));
  serve = createApp({ store, routers, logger, trustProxy: config.SAIMA_TRUST_PROXY });
  const local = await listenLocalSocket(bot, dataDir, logger);
  webhookKeyFor = wecom?.webhookKeyFor ?? null;
  if (wecom)
    channels.set(
      'wecom',
      wecomChannel({
        sender: wecom.sender,
        webhookKeyFor: wecom.webhookKeyFor,
        status,
        respond: wecom.respond,
      }),
    );
  if (wecom?.appSender) channels.set('wecom-app', wecomAppChannel({ sender: wecom.appSender }));
  if (dingtalk) channels.set('dingtalk', dingtalkChannel({ sender: dingtalk.sender, images, status }));
  // a group that can no longer be reached is reported to the district groups on other destinations
  const reportFailure = (item: OutboxItem, error: string) => {
    for (const b of store.bindings().filter((x) => x.scope.kind === 'district')) {
      const channel = channels.get(b.platform);
      if (!channel || (b.platform === item.platform && b.chatId === item.chatId)) continue;
      const text = `⚠️ 推送失败：${item.platform} 群 ${item.chatId} 已无法送达（${error}）。管理员请检查该群的机器人配置，发送「推送状态」查看。`;
      void channel
        .send({
          ...item,
          platform: b.platform,
          chatId: b.chatId,
          title: '推送失败',
          body: text,
          image: false,
        })
        .catch(() => undefined);
    }
  };
  const worker = new OutboxWorker({ store, channels, logger, clock, onPermanentFailure: reportFailure });
  pushes = channels.size
    ? new PushService({ store, clock, worker, channels, pictureDir: join(dataDir, 'pictures'), logger })
    : null;
  pushes?.start();
  // only after start-up has marked what the last process left mid-send: a wake must not race it
  replies.onQueued = (chat) => worker.wake(chat);
  const stream = dingtalk?.startStream() ?? null;
  const longConnection = wecom?.startLongConnection() ?? null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    stream?.close();
    longConnection?.close();
    await pushes?.stop();
    server.close();
    local.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // only now: whoever waits for this line may signal at once
  logger.info('started', {
    pid: process.pid,
    host: (server.address() as AddressInfo).address,
    port: (server.address() as AddressInfo).port,
    dataDir,
    platforms,
    wecom: wecom
      ? {
          mode: wecom.mode,
          callback: wecom.router ? '/webhook/wecom' : null,
          longConnection: longConnection !== null,
          appCallback: wecom.router && config.WECOM_CORP_ID ? '/webhook/wecom-app' : null,
          groupRobots: config.WECOM_WEBHOOK_KEYS.size,
        }
      : '未启用（设置 WECOM_TOKEN 和 WECOM_ENCODING_AES_KEY，或 WECOM_MODE=longconn 与 WECOM_BOT_ID、WECOM_BOT_SECRET 后启用）',
    dingtalk: dingtalk
      ? {
          mode: dingtalk.mode,
          callback: dingtalk.router ? '/webhook/dingtalk' : null,
          stream: dingtalk.mode !== 'http',
          customRobots: config.DINGTALK_ROBOT_WEBHOOKS.size,
        }
      : '未启用（设置 DINGTALK_APP_KEY 和 DINGTALK_APP_SECRET 后启用）',
    publicUrl: config.SAIMA_PUBLIC_URL,
    note: platforms.length ? undefined : '未配置任何聊天平台：可用 npm run chat 与机器人对话',
    admins: config.SAIMA_ADMINS.length,
    frozenClock: config.SAIMA_NOW?.toISOString() ?? null,
    pushes: pushes ? '已启用定时推送（北京时间）' : '未启用（没有聊天平台）',
  });
}

function listen(server: Server, port: number, host: string | null): Promise<void> {
  return new Promise((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') fail(new Error(zh.portInUse(port)));
      else if (e.code === 'EACCES') fail(new Error(zh.portDenied(port)));
      else fail(e);
    });
    server.listen({ port, host: host ?? undefined }, () => ok());
  });
}

main().catch((e: unknown) => {
  const message = e instanceof ConfigError || e instanceof Error ? e.message : String(e);
  process.stderr.write(`saima 无法启动：${message}\n`);
  process.exit(1);
});
