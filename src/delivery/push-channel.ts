import type { OutboxItem } from '../../storage/schema.ts';
import type { Reply } from '../core/reply.ts';

/** Someone a push may @-mention: their platform account and the name shown where a channel cannot @. */
export interface Person {
  account: string;
  name: string;
}

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
