import { commands } from '../commands/index.ts';
import type { Store } from '../storage/store.ts';
import { Bot } from './core/bot.ts';
import type { CommandSpec, LedgerDesk, PushTrigger } from './core/command.ts';
import type { Logger } from './core/logger.ts';
import { DeliveryStatus } from './delivery/delivery-status.ts';
import type { Clock } from './time/clock.ts';
import type { TurnBudget } from './time/turn-budget.ts';

/** Builds the bot from its parts; the server, the chat CLI and the tests all come through here. */
export function buildBot(deps: {
  store: Store;
  clock: Clock;
  admins: Iterable<string>;
  logger: Logger;
  deliveries?: DeliveryStatus;
  pushNow?: PushTrigger | null;
  ledgerDesk?: LedgerDesk | null;
  rateClock?: () => number;
  memberMessagesPerMinute?: number;
  botNames?: readonly string[];
  publicUrl?: string | null;
  /** The commands it answers: a district's (commands/index.ts) unless given (the city's). */
  specs?: ReadonlyArray<CommandSpec>;
  accountElsewhere?: (account: string) => boolean;
  budget?: TurnBudget;
}): Bot {
  return new Bot({
    ...deps,
    admins: new Set(deps.admins),
    specs: deps.specs ?? commands,
    deliveries: deps.deliveries ?? new DeliveryStatus(),
  });
}
