import { join } from 'node:path';
import type { Router } from 'express';
import { FollowedTap } from '../storage/followed-tap.ts';
import type { LedgerImportOutcome } from '../storage/ledger-import-input.ts';
import type { OutboxItem } from '../storage/schema.ts';
import { Store } from '../storage/store.ts';
import { buildBot } from './compose.ts';
import type { Config } from './config.ts';
import { actorFor } from './core/actor.ts';
import type { Bot } from './core/bot.ts';
import type { CommandSpec } from './core/command.ts';
import type { Logger } from './core/logger.ts';
import { DeliveryStatus } from './delivery/delivery-status.ts';
import { ReplyOutbox } from './delivery/reply-outbox.ts';
import { ledgerDesk, ledgerFile } from './ledger-export.ts';
import { fiveColourPng } from './picture/five-colour-chart.ts';
import type { PushChannel } from './platforms/platform.ts';
import { OutboxWorker } from './push/outbox-worker.ts';
import { PushService } from './push/push-service.ts';
import { rankUnits } from './race/ranking.ts';
import { readSettings } from './race/settings.ts';
import type { DownloadShelf } from './server/download-shelf.ts';
import { persistenceFor } from './store-engine.ts';
import type { LedgerPlace } from './tenancy/district-plan.ts';
import { zh } from './text/zh.ts';
import type { Clock } from './time/clock.ts';
import type { TurnBudget } from './time/turn-budget.ts';
import { ProjectHistoryIndex, serveProjectHistory } from './web/pages/project-history-index.ts';
import { JournalTap } from './web/pages/project-journal-tap.ts';
import { webRouter } from './web/web-app.ts';
import type { LedgerImportRequest } from './workbook/import/ledger-import-request.ts';
import { runLedgerImport } from './workbook/import/run-ledger-import.ts';

/** What every ledger of one process shares: the platforms' channels, the clock, the log, the download shelf. */
export interface SharedParts {
  config: Config;
  clock: Clock;
  logger: Logger;
  downloads: DownloadShelf;
  /** Filled once the platforms are built; empty means no pushes. */
  channels: Map<string, PushChannel>;
  /** One event loop, one slice budget for every ledger's bot. */
  budget?: TurnBudget;
}

/** One ledger (a district, or the city) with everything that reads and writes it. */
export interface LedgerStack {
  place: LedgerPlace;
  store: Store;
  bot: Bot;
  replies: ReplyOutbox;
  web: Router | null;
  importLedger(request: LedgerImportRequest): Promise<LedgerImportOutcome>;
  pictureFor(picture: { title: string; asOf: string }): Promise<Buffer>;
  /** Made once the channels are known: the outbox worker and, with a channel, the scheduled pushes. */
  startDelivery(options: { pushes: boolean }): { worker: OutboxWorker; pushes: PushService | null };
}

/**
 * Opens one ledger and builds its bot, reply outbox, web pages and deliveries. A one-district
 * deployment opens one; a many-district deployment one per district and one for the city, each on
 * its own files or journal stream, sharing nothing but the platforms.
 */
export async function openLedger(
  place: LedgerPlace,
  shared: SharedParts,
  options: {
    specs?: ReadonlyArray<CommandSpec>;
    web?: boolean;
    /** An account of another district of the deployment (late-bound: the router is made after the ledgers). */
    accountElsewhere?: (account: string) => boolean;
    /** A group another district bound too: no push of this ledger goes there (src/push/push-service.ts). */
    boundElsewhere?: (binding: { platform: string; chatId: string }) => boolean;
    /** What 推送状态 reads: the platforms' own in a one-district deployment; a district's own among many. */
    deliveries?: DeliveryStatus;
  } = {},
): Promise<LedgerStack> {
  const { config, clock, logger, downloads, channels } = shared;
  const persistence = persistenceFor(config, place.dataDir, {
    log: (line) => logger.warn('store', { ledger: place.id, message: line }),
    stream: place.stream,
  });
  // what other instances on the same database commit (storage/pg): their queued replies wake the outbox here
  const followed = new FollowedTap(persistence);
  const history = () => persistence.records();
  // each project's journal records for its web page, told of every change as it is appended
  const projectHistory = new ProjectHistoryIndex(history);
  const store = await Store.open(new JournalTap(followed, projectHistory));
  serveProjectHistory(store, projectHistory);
  const admins = new Set(place.admins);
  const deliveries = options.deliveries ?? new DeliveryStatus();
  let pushes: PushService | null = null;
  const bot = buildBot({
    store,
    clock,
    admins,
    specs: options.specs,
    budget: shared.budget,
    accountElsewhere: options.accountElsewhere,
    botNames: config.SAIMA_BOT_NAMES,
    publicUrl: config.SAIMA_PUBLIC_URL,
    logger,
    deliveries,
    // a link asked for by a member who has since left (or moved unit) builds nothing
    ledgerDesk: ledgerDesk(downloads, store, history, place.name, (request) => {
      const actor = actorFor(store, admins, request.account, options.accountElsewhere);
      return (
        actor !== null &&
        (request.unitId === null ? actor.role !== 'member' : actor.unitId === request.unitId)
      );
    }),
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
  // replies are written to the outbox; the worker (made once the senders exist) delivers them
  const replies = new ReplyOutbox({ store, clock, logger });
  const importLedger = (request: LedgerImportRequest) => runLedgerImport({ store, admins, clock }, request);
  const web =
    options.web === false
      ? null
      : webRouter({
          store,
          clock,
          admins,
          publicUrl: config.SAIMA_PUBLIC_URL,
          logger,
          exportLedger: (request) => ledgerFile(store, history, place.name, request),
          importLedger,
          accountElsewhere: options.accountElsewhere,
        });
  const pictureDir = join(place.dataDir, 'pictures');
  // a group that can no longer be reached is reported to this ledger's district groups on other destinations
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
  return {
    place,
    store,
    bot,
    replies,
    web,
    importLedger,
    pictureFor: (picture) => {
      const settings = readSettings(store);
      return fiveColourPng(rankUnits(store, picture.asOf, settings), picture.title, settings);
    },
    startDelivery: (delivery) => {
      // paused until this instance leads: a wake before that (a reply queued here) waits for the leader
      const worker = new OutboxWorker({
        store,
        channels,
        logger,
        clock,
        onPermanentFailure: reportFailure,
        paused: true,
      });
      pushes =
        channels.size && delivery.pushes
          ? new PushService({
              store,
              clock,
              worker,
              channels,
              pictureDir,
              logger,
              boundElsewhere: options.boundElsewhere,
            })
          : null;
      replies.onQueued = (chat) => worker.wake(chat);
      followed.onFollowed = (record) => worker.followed(record);
      return { worker, pushes };
    },
  };
}
