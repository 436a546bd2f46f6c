import type { Bot, Received } from '../core/bot.ts';
import type { IncomingMessage } from '../core/incoming.ts';

/** What the pipeline made of a message, or null when its change is already stored (a redelivery). */
export type Respond = (message: IncomingMessage) => Promise<Received | null>;

/**
 * The bot, answering a message whose change is already stored with nothing (its redelivery) — also
 * when that turns out only while it runs: another instance on the same database stored it first.
 */
export const unlessHandled =
  (bot: Pick<Bot, 'alreadyHandled' | 'receive'>): Respond =>
  async (message) => {
    if (bot.alreadyHandled(message)) return null;
    const received = await bot.receive(message);
    return received.kind === 'answered' && received.redelivery ? null : received;
  };

/** One delivery of a message: the first runs it, the others that arrive meanwhile share its outcome. */
export interface Delivery {
  first: boolean;
  /** Never rejects: a failure is reported to `failed` and becomes `dropped` (nothing to send). */
  received: Promise<Received | null>;
  /** With `holdWhileAnswering`: the answer is sent, later deliveries may run it again. */
  done(): void;
}

/**
 * Answers each message exactly once, however often the platform delivers it: while one delivery
 * runs, another of the same message id joins it instead of running the pipeline again; once it is
 * done, `respond` (see `unlessHandled`) decides from the store. One per receiver.
 */
export function answerOnce(
  respond: Respond,
  failed: (message: IncomingMessage, e: unknown) => void,
  options: { holdWhileAnswering?: boolean } = {},
) {
  const inflight = new Map<string, Promise<Received | null>>();
  const nothing = () => undefined;
  return (message: IncomingMessage): Delivery => {
    const key = `${message.platform}:${message.messageId}`;
    const running = inflight.get(key);
    if (running) return { first: false, received: running, done: nothing };
    const received = respond(message).catch((e: unknown): Received => {
      failed(message, e);
      return { kind: 'dropped' };
    });
    inflight.set(key, received);
    const release = () => {
      if (inflight.get(key) === received) inflight.delete(key);
    };
    if (options.holdWhileAnswering) return { first: true, received, done: release };
    void received.then(release);
    return { first: true, received, done: nothing };
  };
}
