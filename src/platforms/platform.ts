import type { Router } from 'express';
import type { OutboxItem } from '../../storage/schema.ts';
import type { Reply } from '../core/reply.ts';
import type { Person } from '../push/report-period.ts';

/**
 * How one send to a platform went. `permanent`: retrying cannot help (the outbox stops and reports
 * the group); `retryAfterMs`: the platform throttled the robot, the outbox keeps the item that long.
 */
export type SendOutcome =
  | { ok: true }
  | { ok: false; error: string; permanent: boolean; retryAfterMs?: number };

/** One way a platform delivers outbox items to a conversation: its rendering, its size limit, its send. */
export interface PushChannel {
  platform: string;
  /** Splits a message into the platform's parts (byte limits differ). */
  limit: number;
  /** Sends a push, or a reply through its own url when it still has one, else to its group. */
  send(item: OutboxItem): Promise<SendOutcome>;
  /** Renders a scheduled push in the platform's markdown. */
  renderPush(reply: Reply): string;
  /** Renders merged confirmations in the platform's markdown. */
  render?(reply: Reply): string;
  /** Members' own conversations only (the WeCom self-built app): no group takes a push through it. */
  privateOnly?: boolean;
  /** Whether a push started from chat can reach this group (WeCom: only with a robot key configured). */
  canPush?(chatId: string): boolean;
  /** The rate window the item would go through: how long until it admits a send, and how many now. */
  capacity?(item: OutboxItem): { waitMs: number; free: number };
  /** A reply's own url takes one message (WeCom response_url): further parts go to the group. */
  replyUrlOnce?: boolean;
  /**
   * How a push @-mentions people in this group: the text for the body and the ids to pass beside it
   * (see `OutboxItem.atUserIds`). Without it, or where the group's way of sending cannot @, names in bold.
   */
  mention?(chatId: string, people: ReadonlyArray<Person>): { text: string; ids: string[] };
  /**
   * Whether a picture can reach this group at all; where it cannot, the push says so in its text
   * instead of queueing a picture that would fail and mark the group unreachable.
   */
  canShowPicture?(chatId: string): boolean;
}

/** Where a platform cannot @ in a channel, the people are named in bold. */
export function boldNames(people: ReadonlyArray<Person>): string {
  return people.map((p) => `**${p.name}**`).join('、');
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
  /** The callback routes; null when the platform only listens over its own connection. */
  router: Router | null;
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
    router: null,
    channels: [],
    start: () => undefined,
    stop: () => undefined,
    describe: () => howToTurnOn,
  };
}
