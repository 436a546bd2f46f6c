import { Store } from '../storage/store.ts';
import { buildBot } from './compose.ts';
import type { Config } from './config.ts';
import type { Bot } from './core/bot.ts';
import type { Logger } from './core/logger.ts';
import { persistenceFor } from './store-engine.ts';
import type { LedgerPlace } from './tenancy/district-plan.ts';
import { DistrictRouter } from './tenancy/district-router.ts';
import type { Clock } from './time/clock.ts';

/** How long a console waits for another console holding a ledger's directory. */
export const CONSOLE_LOCK_WAIT_MS = 15_000;

/** One district's ledger as a console process opens it: its store and a bot that answers from it. */
export interface ConsoleLedger {
  place: LedgerPlace;
  store: Store;
  bot: Bot;
}

export interface ConsoleLedgers {
  ledgers: ReadonlyArray<ConsoleLedger>;
  /** The same router the server answers through: each message is answered from the ledger it belongs to. */
  router: DistrictRouter;
  /** The district an account belongs to (its admins or active members); null for none. */
  ledgerOf(account: string): ConsoleLedger | null;
  close(): Promise<void>;
}

/**
 * Every district ledger of the deployment, opened by `npm run chat` or `npm run import` when no
 * server is running: a one-district deployment's one ledger exactly as before, a many-district
 * deployment's each on its own directory or stream. Each waits for a console holding it, and the
 * ledgers are always taken in the plan's order, so two consoles never hold one each and wait for
 * the other's. The city is not opened: its commands are the running server's.
 */
export async function openConsoleLedgers(
  config: Pick<Config, 'SAIMA_DATABASE_URL' | 'SAIMA_BOT_NAMES' | 'SAIMA_PUBLIC_URL'>,
  places: ReadonlyArray<LedgerPlace>,
  parts: { clock: Clock; logger: Logger },
): Promise<ConsoleLedgers> {
  const stores: Store[] = [];
  try {
    for (const place of places) {
      const persistence = persistenceFor(config, place.dataDir, {
        lockWaitMs: CONSOLE_LOCK_WAIT_MS,
        stream: place.stream,
      });
      stores.push(await Store.open(persistence));
    }
  } catch (e) {
    await Promise.all(stores.map((s) => s.close()));
    throw e;
  }
  // made once every ledger is open; a district's bot asks it whether an account is another's
  let router: DistrictRouter | null = null;
  const ledgers = places.map((place, i): ConsoleLedger => {
    const store = stores[i] as Store;
    const bot = buildBot({
      store,
      clock: parts.clock,
      admins: place.admins,
      botNames: config.SAIMA_BOT_NAMES,
      publicUrl: config.SAIMA_PUBLIC_URL,
      logger: parts.logger,
      accountElsewhere: (account) => {
        const own = router?.districtOf(account);
        return own !== undefined && own !== null && own.id !== place.id;
      },
    });
    return { place, store, bot };
  });
  const routed = new DistrictRouter(
    ledgers.map((l) => ({ id: l.place.id, store: l.store, bot: l.bot, admins: new Set(l.place.admins) })),
    null,
    config.SAIMA_BOT_NAMES,
  );
  router = routed;
  return {
    ledgers,
    router: routed,
    ledgerOf: (account) => {
      const own = routed.districtOf(account);
      return own ? (ledgers.find((l) => l.place.id === own.id) ?? null) : null;
    },
    close: async () => {
      await Promise.all(stores.map((s) => s.close()));
    },
  };
}
