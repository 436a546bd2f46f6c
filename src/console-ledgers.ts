import { CITY_ONLY, cityCommands } from '../commands/city/index.ts';
import { durably } from '../storage/durably.ts';
import { Store } from '../storage/store.ts';
import type { DistrictLedger } from './city/district-ledger.ts';
import { addDistrictUnits } from './city/district-units.ts';
import { buildBot } from './compose.ts';
import type { Config } from './config.ts';
import type { Bot } from './core/bot.ts';
import type { CommandSpec } from './core/command.ts';
import type { Logger } from './core/logger.ts';
import { persistenceFor } from './store-engine.ts';
import type { DeploymentPlan, LedgerPlace } from './tenancy/district-plan.ts';
import { DistrictRouter } from './tenancy/district-router.ts';
import type { Clock } from './time/clock.ts';

/** How long a console waits for another console holding a ledger's directory. */
const CONSOLE_LOCK_WAIT_MS = 15_000;

/** One ledger as a console process opens it: its store and a bot that answers from it. */
export interface ConsoleLedger {
  place: LedgerPlace;
  store: Store;
  bot: Bot;
}

export interface ConsoleLedgers {
  districts: ReadonlyArray<ConsoleLedger>;
  /** The same router the server answers through: each message is answered from the ledger it belongs to. */
  router: DistrictRouter;
  /** The district an account belongs to (its admins or active members); null for none. */
  districtOf(account: string): ConsoleLedger | null;
  close(): Promise<void>;
}

type ConsoleConfig = Pick<Config, 'SAIMA_DATABASE_URL' | 'SAIMA_BOT_NAMES' | 'SAIMA_PUBLIC_URL'>;

/**
 * The deployment's ledgers, opened by `npm run chat` or `npm run import` when no server is running,
 * and routed as the server routes them: a one-district deployment's one ledger exactly as before; a
 * many-district deployment's districts, each on its own directory or stream, and the city's. Each
 * waits for a console holding it, and they are always taken in the same order (the plan's districts,
 * then the city), so two consoles never hold one each and wait for the other's.
 * The server makes the districts the city's units at every start; a console does it only for a city
 * admin, whose commands need them, so nobody else's read ever writes.
 */
export async function openConsoleLedgers(
  config: ConsoleConfig,
  plan: DeploymentPlan,
  parts: { clock: Clock; logger: Logger },
  options: { cityAdmin?: boolean } = {},
): Promise<ConsoleLedgers> {
  const places = [...plan.districts, ...(plan.city ? [plan.city] : [])];
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
  const storeOf = (place: LedgerPlace) => stores[places.indexOf(place)] as Store;
  // made once every ledger is open; a district's bot asks it whether an account is another's
  let router: DistrictRouter | null = null;
  const districts = plan.districts.map((place) =>
    consoleLedger(config, place, storeOf(place), parts, {
      accountElsewhere: (account) => router?.heldElsewhere(account, place.id) ?? false,
    }),
  );
  let city: ConsoleLedger | null = null;
  if (plan.city) {
    const ledgers: DistrictLedger[] = districts.map((d) => ({
      id: d.place.id,
      name: d.place.name ?? d.place.id,
      store: d.store,
    }));
    const store = storeOf(plan.city);
    city = consoleLedger(config, plan.city, store, parts, { specs: cityCommands(() => ledgers) });
    try {
      if (options.cityAdmin) await durably(store, () => addDistrictUnits(store, ledgers, parts.clock.now()));
    } catch (e) {
      await Promise.all(stores.map((s) => s.close()));
      throw e;
    }
  }
  const tenant = (l: ConsoleLedger) => ({
    id: l.place.id,
    store: l.store,
    bot: l.bot,
    admins: new Set(l.place.admins),
  });
  const routed = new DistrictRouter(
    districts.map(tenant),
    city ? { ...tenant(city), matcher: city.bot.matcher, only: CITY_ONLY } : null,
    config.SAIMA_BOT_NAMES,
  );
  router = routed;
  return {
    districts,
    router: routed,
    districtOf: (account) => {
      const own = routed.districtOf(account);
      return own ? (districts.find((l) => l.place.id === own.id) ?? null) : null;
    },
    close: async () => {
      await Promise.all(stores.map((s) => s.close()));
    },
  };
}

function consoleLedger(
  config: ConsoleConfig,
  place: LedgerPlace,
  store: Store,
  parts: { clock: Clock; logger: Logger },
  options: { specs?: ReadonlyArray<CommandSpec>; accountElsewhere?: (account: string) => boolean },
): ConsoleLedger {
  const bot = buildBot({
    store,
    clock: parts.clock,
    admins: place.admins,
    botNames: config.SAIMA_BOT_NAMES,
    publicUrl: config.SAIMA_PUBLIC_URL,
    logger: parts.logger,
    ...options,
  });
  return { place, store, bot };
}
