import type { Answerer } from '../core/bot.ts';
import type { Logger } from '../core/logger.ts';
import type { DeliveryStatus } from '../delivery/delivery-status.ts';
import type { PushChannel } from '../delivery/push-channel.ts';
import type { LateReply } from '../delivery/reply-outbox.ts';
import type { CallbackRoute } from '../server/callback-exchange.ts';

/** What every platform is built with: the pipeline, the log, delivery status and the durable reply outbox. */
export interface PlatformDeps {
  bot: Answerer;
  logger: Logger;
  status: DeliveryStatus;
  /** The durable reply outbox (src/delivery/reply-outbox.ts) of the ledger that answered. */
  replies: { enqueue(late: LateReply): boolean };
}

/**
 * A chat platform as the composition root sees it (Bolt's Receiver): its callback routes, the
 * connections it keeps by itself, and the channels the outbox delivers through. `src/main.ts` lists
 * the configured platforms and uses every one the same way.
 */
export interface Platform {
  name: string;
  /** False for a platform left out of the configuration: it only says in the start-up log how to turn it on. */
  on: boolean;
  /** The callback routes; none when the platform only listens over its own connection. */
  callbacks: readonly CallbackRoute[];
  /** Where pushes and late replies go, one per way of sending (WeCom: group robot, self-built app). */
  channels: PushChannel[];
  /** Opens what the platform connects to by itself (Stream, long connection); call after the server listens. */
  start(): void;
  stop(): void;
  /** What the start-up log says about it (never a secret); call after `start`. */
  describe(): Record<string, unknown> | string;
}

/** `start`/`stop` for a platform that keeps one connection of its own (none when `open` returns null). */
export function ownConnection(open: () => { close(): void } | null) {
  let connection: { close(): void } | null = null;
  return {
    start: () => {
      connection = open();
    },
    stop: () => connection?.close(),
    /** Whether `start` opened a connection. */
    opened: () => connection !== null,
  };
}

/** A platform the configuration leaves off: no routes, no channels; the log says how to turn it on. */
export function notConfigured(name: string, howToTurnOn: string): Platform {
  return {
    name,
    on: false,
    callbacks: [],
    channels: [],
    start: () => undefined,
    stop: () => undefined,
    describe: () => howToTurnOn,
  };
}

export { boldNames, type PushChannel, type SendOutcome } from '../delivery/push-channel.ts';
