import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import dotenv from 'dotenv';
import { FollowedTap } from '../storage/followed-tap.ts';
import type { OutboxItem } from '../storage/schema.ts';
import { Store } from '../storage/store.ts';
import { buildBot } from './compose.ts';
import { ConfigError, loadConfig } from './config.ts';
import { jsonLogger } from './core/logger.ts';
import { DeliveryStatus } from './delivery/delivery-status.ts';
import { ReplyOutbox } from './delivery/reply-outbox.ts';
import { ledgerDesk, ledgerFile } from './ledger-export.ts';
import { fiveColourPng } from './picture/five-colour-chart.ts';
import { dingtalkFromConfig } from './platforms/dingtalk/dingtalk-platform.ts';
import { notConfigured, type Platform, type PushChannel } from './platforms/platform.ts';
import { wecomFromConfig } from './platforms/wecom/wecom-platform.ts';
import { OutboxWorker } from './push/outbox-worker.ts';
import { PushService } from './push/push-service.ts';
import { rankUnits } from './race/ranking.ts';
import { readSettings } from './race/settings.ts';
import { createApp } from './server/app.ts';
import { DownloadShelf } from './server/download-shelf.ts';
import { ImageShelf } from './server/image-shelf.ts';
import { listenLocalSocket } from './server/local-socket.ts';
import { leadershipFor, persistenceFor } from './store-engine.ts';
import { zh } from './text/zh.ts';
import { frozenClock, systemClock } from './time/clock.ts';
import { ProjectHistoryIndex, serveProjectHistory } from './web/pages/project-history-index.ts';
import { JournalTap } from './web/pages/project-journal-tap.ts';
import { webRouter } from './web/web-app.ts';
import { runLedgerImport } from './workbook/import/run-ledger-import.ts';

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
  // each project's journal records for its web page, told of every change as it is appended
  const persistence = persistenceFor(config, dataDir, {
    log: (line) => logger.warn('store', { message: line }),
  });
  // what other instances on the same database commit (storage/pg): their queued replies wake the outbox here
  const followed = new FollowedTap(persistence);
  const history = () => persistence.records();
  const projectHistory = new ProjectHistoryIndex(history);
  try {
    store = await Store.open(new JournalTap(followed, projectHistory));
  } catch (e) {
    server.close();
    throw e;
  }
  serveProjectHistory(store, projectHistory);
  const clock = config.SAIMA_NOW ? frozenClock(config.SAIMA_NOW) : systemClock;
  const status = new DeliveryStatus();
  const downloads = new DownloadShelf(config.SAIMA_PUBLIC_URL, Date.now, (e) =>
    logger.error('export_failed', { message: e instanceof Error ? e.message : String(e) }),
  );
  // the platforms are built with the bot, the push service after them: the trigger looks them up when used
  let pushes: PushService | null = null;
  const channels = new Map<string, PushChannel>();
  const bot = buildBot({
    store,
    clock,
    admins: config.SAIMA_ADMINS,
    botNames: config.SAIMA_BOT_NAMES,
    publicUrl: config.SAIMA_PUBLIC_URL,
    logger,
    deliveries: status,
    ledgerDesk: ledgerDesk(downloads, store, history, config.SAIMA_DISTRICT_NAME),
    pushNow: {
      platforms: () =>
        pushes ? [...channels.values()].filter((c) => !c.privateOnly).map((c) => c.platform) : [],
      canSend: (platform, chatId) => {
        const channel = channels.get(platform);
        return pushes !== null && channel !== undefined && (channel.canPush?.(chatId) ?? true);
      },
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
  // every platform is one entry here; everything after this uses them alike
  const platforms: Platform[] = [
    wecomFromConfig(config, { bot, logger, status, replies, pictureFor }) ??
      notConfigured('wecom', zh.wecomOff),
    dingtalkFromConfig(config, {
      bot,
      logger,
      status,
      replies,
      images,
      pictureFor,
      pictureDir: join(dataDir, 'pictures'),
    }) ?? notConfigured('dingtalk', zh.dingtalkOff),
  ];
  const on = platforms.filter((p) => p.on);
  const web = webRouter({
    store,
    clock,
    admins: new Set(config.SAIMA_ADMINS),
    publicUrl: config.SAIMA_PUBLIC_URL,
    logger,
    exportLedger: (request) => ledgerFile(store, history, config.SAIMA_DISTRICT_NAME, request),
    importLedger: (request) =>
      runLedgerImport({ store, admins: new Set(config.SAIMA_ADMINS), clock }, request),
  });
  const routers = [...on.map((p) => p.router), images.router(), downloads.router(), web].filter(
    (r) => r !== null,
  );
  serve = createApp({ store, routers, logger, trustProxy: config.SAIMA_TRUST_PROXY });
  const local = await listenLocalSocket(bot, dataDir, logger, (request) =>
    runLedgerImport({ store, admins: new Set(config.SAIMA_ADMINS), clock }, request),
  );
  for (const channel of on.flatMap((p) => p.channels)) channels.set(channel.platform, channel);
  // a group that can no longer be reached is reported to the district groups on other destinations
  const reportFailure = (item: OutboxItem, error: string) => {
    for (const b of store.bindings().filter((x) => x.scope.kind === 'district')) {
      const channel = channels.get(b.platform);
      if (!channel || (b.platform === item.platform && b.chatId === item.chatId)) continue;
      const text = zh.groupUnreachable(item.platform, item.chatId, error);
      void channel
        .send({
          ...item,
          platform: b.platform,
          chatId: b.chatId,
          title: zh.groupUnreachableTitle,
          body: text,
          image: false,
        })
        .catch(() => undefined);
    }
  };
  // paused until this instance leads: a wake before that (a reply queued here) waits for the leader
  const worker = new OutboxWorker({
    store,
    channels,
    logger,
    clock,
    onPermanentFailure: reportFailure,
    paused: true,
  });
  pushes = channels.size
    ? new PushService({ store, clock, worker, channels, pictureDir: join(dataDir, 'pictures'), logger })
    : null;
  replies.onQueued = (chat) => worker.wake(chat);
  followed.onFollowed = (record) => worker.followed(record);
  // the scheduled pushes and the outbox run on one instance (the embedded store's only process, or
  // the one holding the database's lock); webhooks, answers and the web run on every instance
  const leadership = leadershipFor(config, logger);
  if (pushes) {
    const scheduler = pushes;
    await leadership.start({
      start: async () => {
        // what the last sender left mid-send is marked before anything is sent
        await worker.resume();
        scheduler.start();
      },
      stop: async () => {
        await scheduler.stop();
        await worker.pause();
      },
    });
  }
  for (const platform of on) platform.start();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    for (const platform of on) platform.stop();
    await leadership.close();
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
    store: store.describe(),
    platforms: on.map((p) => p.name),
    ...Object.fromEntries(platforms.map((p) => [p.name, p.describe()])),
    publicUrl: config.SAIMA_PUBLIC_URL,
    note: on.length ? undefined : zh.noPlatformNote,
    admins: config.SAIMA_ADMINS.length,
    frozenClock: config.SAIMA_NOW?.toISOString() ?? null,
    pushes: pushes ? zh.pushesOn : zh.pushesOff,
    leader: leadership.leading,
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
  process.stderr.write(`${zh.cannotStart(message)}\n`);
  process.exit(1);
});
