import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import dotenv from 'dotenv';
import { refuseUnmoved } from './cli-district.ts';
import { ConfigError, loadConfig } from './config.ts';
import { HANDLING_SLICE_MS } from './core/bot.ts';
import { jsonLogger } from './core/logger.ts';
import { DeliveryStatus } from './delivery/delivery-status.ts';
import type { LateReply } from './delivery/reply-outbox.ts';
import { importInOwnDistrict } from './district-import.ts';
import { type LedgerStack, openLedger } from './ledger-stack.ts';
import { openCity } from './open-city.ts';
import { dingtalkFromConfig } from './platforms/dingtalk/dingtalk-platform.ts';
import { notConfigured, type Platform, type PushChannel } from './platforms/platform.ts';
import { wecomFromConfig } from './platforms/wecom/wecom-platform.ts';
import { createApp } from './server/app.ts';
import { DownloadShelf } from './server/download-shelf.ts';
import { ImageShelf } from './server/image-shelf.ts';
import { listenLocalSocket } from './server/local-socket.ts';
import { leadershipFor } from './store-engine.ts';
import { deploymentPlan } from './tenancy/district-plan.ts';
import { DistrictRouter, type Tenant } from './tenancy/district-router.ts';
import { tenantWeb } from './tenancy/tenant-web.ts';
import { zh } from './text/zh.ts';
import { frozenClock, systemClock } from './time/clock.ts';
import { TurnBudget } from './time/turn-budget.ts';

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
  const clock = config.SAIMA_NOW ? frozenClock(config.SAIMA_NOW) : systemClock;
  const status = new DeliveryStatus();
  const downloads = new DownloadShelf(config.SAIMA_PUBLIC_URL, Date.now, (e) =>
    logger.error('export_failed', { message: e instanceof Error ? e.message : String(e) }),
  );
  const channels = new Map<string, PushChannel>();
  const shared = { config, clock, logger, downloads, channels, budget: new TurnBudget(HANDLING_SLICE_MS) };
  // a one-district ledger not yet moved into districts/<code>/ would be left out, unseen: stop first
  try {
    await refuseUnmoved(config, dataDir);
  } catch (e) {
    server.close();
    throw e;
  }
  const plan = deploymentPlan(config, dataDir);
  const stacks: LedgerStack[] = [];
  // made once every ledger is open; a district's bot asks it whether an account is another's
  let router: DistrictRouter | null = null;
  let city: Awaited<ReturnType<typeof openCity>> | null = null;
  try {
    // one district alone has nobody else to ask: no look at other ledgers on each message
    const many = plan.city !== null;
    for (const place of plan.districts) {
      const accountElsewhere = many
        ? (account: string) => router?.heldElsewhere(account, place.id) ?? false
        : undefined;
      const boundElsewhere = many
        ? (b: { platform: string; chatId: string }) =>
            router?.boundElsewhere(b.platform, b.chatId, place.id) ?? false
        : undefined;
      // among many districts 推送状态 shows a district its own runs only, not every group's robot
      const deliveries = many ? undefined : status;
      stacks.push(await openLedger(place, shared, { accountElsewhere, boundElsewhere, deliveries }));
    }
    city = plan.city ? await openCity(plan.city, shared, [...stacks]) : null;
  } catch (e) {
    server.close();
    await Promise.all(stacks.map((s) => s.store.close()));
    throw e;
  }
  const districts = [...stacks];
  if (city) stacks.push(city.stack);
  router = new DistrictRouter(
    districts.map(tenantOf),
    city ? { ...tenantOf(city.stack), matcher: city.stack.bot.matcher, only: city.only } : null,
    config.SAIMA_BOT_NAMES,
  );
  const byId = new Map(stacks.map((s) => [s.place.id, s]));
  const stackFor = (id: string | undefined) => byId.get(id ?? '') ?? (districts[0] as LedgerStack);
  const images = new ImageShelf(config.SAIMA_PUBLIC_URL);
  // a picture is drawn from the ledger whose bot answered (the router stamps it)
  const pictureFor = (picture: { title: string; asOf: string; ledger?: string }) =>
    stackFor(picture.ledger).pictureFor(picture);
  // a late reply is queued in the ledger that answered the message
  const replies = {
    enqueue: (late: LateReply) => stackFor(router.replyLedger(late.message).id).replies.enqueue(late),
  };
  // every platform is one entry here; everything after this uses them alike
  const platforms: Platform[] = [
    wecomFromConfig(config, { bot: router, logger, status, replies, pictureFor }) ??
      notConfigured('wecom', zh.wecomOff),
    dingtalkFromConfig(config, {
      bot: router,
      logger,
      status,
      replies,
      images,
      pictureFor,
      pictureDir: join(dataDir, 'pictures'),
    }) ?? notConfigured('dingtalk', zh.dingtalkOff),
  ];
  const on = platforms.filter((p) => p.on);
  const web = tenantWeb(
    districts.flatMap((s) => (s.web ? [{ store: s.store, router: s.web }] : [])),
    clock,
  );
  const routers = [images.router(), downloads.router(), web];
  serve = createApp({
    store: (districts[0] as LedgerStack).store,
    ledgers: city ? new Map(stacks.map((s) => [s.place.id, s.store])) : undefined,
    callbacks: on.flatMap((p) => p.callbacks),
    routers,
    logger,
    trustProxy: config.SAIMA_TRUST_PROXY,
  });
  // the console is trusted as any account: its import runs in the ledger that account belongs to
  const local = await listenLocalSocket(
    router,
    dataDir,
    logger,
    importInOwnDistrict(
      (account) => router.districtOf(account),
      (own, request) => stackFor(own.id).importLedger(request),
    ),
  );
  for (const channel of on.flatMap((p) => p.channels)) channels.set(channel.platform, channel);
  // the city answers (and so has late replies to deliver) but has no groups of its own to push to
  const deliveries = stacks.map((s) => s.startDelivery({ pushes: s !== city?.stack }));
  // the scheduled pushes and the outbox run on one instance (the embedded store's only process, or
  // the one holding the database's lock); webhooks, answers and the web run on every instance
  const leadership = leadershipFor(config, logger, plan.city?.stream);
  if (channels.size) {
    await leadership.start({
      start: async () => {
        for (const { worker, pushes } of deliveries) {
          // what the last sender left mid-send is marked before anything is sent
          await worker.resume();
          pushes?.start();
        }
      },
      stop: async () => {
        for (const { worker, pushes } of deliveries) {
          await pushes?.stop();
          await worker.pause();
        }
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
    await Promise.all(stacks.map((s) => s.store.close()));
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
    store: districts.length === 1 && !city ? districts[0]?.store.describe() : undefined,
    districts: city
      ? districts.map((d) => ({ id: d.place.id, name: d.place.name, store: d.store.describe() }))
      : undefined,
    city: city
      ? {
          name: city.stack.place.name,
          admins: city.stack.place.admins.length,
          store: city.stack.store.describe(),
        }
      : undefined,
    platforms: on.map((p) => p.name),
    ...Object.fromEntries(platforms.map((p) => [p.name, p.describe()])),
    publicUrl: config.SAIMA_PUBLIC_URL,
    note: on.length ? undefined : zh.noPlatformNote,
    admins: plan.districts.reduce((n, d) => n + d.admins.length, 0),
    frozenClock: config.SAIMA_NOW?.toISOString() ?? null,
    pushes: deliveries.some((d) => d.pushes) ? zh.pushesOn : zh.pushesOff,
    leader: leadership.leading,
  });
}

function tenantOf(stack: LedgerStack): Tenant {
  return { id: stack.place.id, store: stack.store, bot: stack.bot, admins: new Set(stack.place.admins) };
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
