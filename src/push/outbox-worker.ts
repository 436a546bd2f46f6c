import { CONFLICT_ATTEMPTS, durably } from '../../storage/durably.ts';
import type { JournalRecord } from '../../storage/journal-record.ts';
import { outboxDestination, replyUrlDead } from '../../storage/outbox.ts';
import { StoreConflictError } from '../../storage/save-errors.ts';
import type { OutboxItem } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import type { Logger } from '../core/logger.ts';
import type { PushChannel } from '../delivery/push-channel.ts';
import { mergeConfirmations } from '../delivery/reply-merge.ts';
import { renderPlainText } from '../render/plain-text.ts';
import { zh } from '../text/zh.ts';
import type { Clock } from '../time/clock.ts';
import { TurnBudget } from '../time/turn-budget.ts';

/** Tries a transiently failing item this many times (across kicks) before giving it up as failed. */
const MAX_ATTEMPTS = 10;
/** A reply's own url that expires within this margin is treated as expired: it could expire in flight. */
const URL_MARGIN_MS = 10_000;
/** Confirmations that have waited this long are merged even when the rate window has room. */
export const MERGE_AFTER_MS = 2 * 60_000;

/** Replies first (a member is waiting), then in the order they were written. */
function deliveryOrder(a: OutboxItem, b: OutboxItem): number {
  return (
    Number(a.reply === null) - Number(b.reply === null) ||
    a.runId.localeCompare(b.runId) ||
    a.order - b.order ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Delivers what the outbox holds: one loop per destination, replies ahead of pushes, items in order,
 * each marked `sending` only once its rate window admits it and marked sent right after the platform
 * accepted it — so a restart resumes with what is still pending and sends nothing twice. Confirmations
 * that pile up faster than the window lets them out are merged into a few messages.
 *
 * With several instances on one database only the leader delivers (the others stay paused); every
 * mark waits until it is committed, and is made again on the ledger as it now is when another
 * instance committed first — the journal's one order is what makes an item go out once.
 */
export class OutboxWorker {
  private readonly running = new Map<string, Promise<void>>();
  private readonly wakers = new Map<string, () => void>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly budget = new TurnBudget();
  private paused: boolean;

  constructor(
    private readonly deps: {
      store: Store;
      channels: ReadonlyMap<string, PushChannel>;
      logger: Logger;
      clock: Clock;
      /** Told once when a destination fails for good, so admins hear of it. */
      onPermanentFailure?: (item: OutboxItem, error: string) => void;
      sleep?: (ms: number) => Promise<void>;
      /** Made paused: delivers nothing until `resume` (an instance that does not lead, or not yet). */
      paused?: boolean;
    },
  ) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()));
    this.paused = deps.paused ?? false;
  }

  /**
   * Before delivering: items caught mid-send by a crash (or by a leader that died) are marked unknown
   * (never re-sent) and reported.
   */
  async recoverInterrupted(): Promise<OutboxItem[]> {
    const interrupted = await this.durably(() => this.deps.store.markInterrupted(this.meta()));
    for (const item of interrupted) {
      this.deps.logger.warn('push_interrupted', {
        destination: item.platform,
        chat: item.chatId,
        item: item.id,
      });
    }
    return interrupted;
  }

  /**
   * This instance delivers from now on (it became the leader): what the last sender left mid-send is
   * marked first, then every chat with something pending starts.
   */
  async resume(): Promise<void> {
    // a running worker's own sends are not interrupted ones
    if (!this.paused) return;
    await this.recoverInterrupted();
    this.paused = false;
    void this.kick();
  }

  /** Begins no more sends; resolves once the loops have stopped, the sends in flight marked. */
  async pause(): Promise<void> {
    this.paused = true;
    for (const wake of this.wakers.values()) wake();
    await this.idle();
  }

  /**
   * A change another instance committed: the items it queued (its replies, a push asked for there)
   * are delivered here, as if queued here.
   */
  followed(record: JournalRecord): void {
    for (const op of record.ops) {
      const item = op.c === 'outbox' ? (op.new as OutboxItem | undefined) : undefined;
      if (item?.status === 'pending') this.wake(item);
    }
  }

  /** Starts a loop for every destination with pending items; resolves when all loops have finished. */
  kick(): Promise<void> {
    if (this.paused) return this.idle();
    for (const destination of this.deps.store.pendingDestinations()) this.start(destination);
    return this.idle();
  }

  /**
   * A chat has something new (a reply): start its loop, or wake it if it waits for a rate window —
   * the reply may go another way, or be merged. Returns at once.
   */
  wake(chat: { platform: string; chatId: string }): void {
    this.start(outboxDestination(chat));
  }

  private start(destination: string): void {
    if (this.paused) return;
    if (this.running.has(destination)) {
      this.wakers.get(destination)?.();
      return;
    }
    const loop = this.drain(destination)
      .catch((e: unknown) =>
        // a store that cannot write (disk full): what is pending stays pending for the next kick
        this.deps.logger.error('outbox_loop_failed', { destination, error: String(e) }),
      )
      .finally(() => this.running.delete(destination));
    this.running.set(destination, loop);
  }

  /** Resolves when every running loop has finished. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  private meta() {
    return { actor: 'saima', command: 'push', at: this.deps.clock.now() };
  }

  /** One mark, once committed; made again on the ledger as it now is when another instance came first. */
  private durably<T>(mark: () => T): Promise<T> {
    return durably(this.deps.store, mark);
  }

  /** Waits `ms`, or less when `kick` brings news for this destination (or `pause` stops the loop). */
  private rest(destination: string, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wakers.set(destination, resolve);
      void this.sleep(ms).then(resolve);
    }).finally(() => this.wakers.delete(destination));
  }

  private async drain(destination: string): Promise<void> {
    const { store, channels, logger } = this.deps;
    const mine = (i: Readonly<OutboxItem>) => i.status === 'pending' && outboxDestination(i) === destination;
    /** Sending marks in a row that another instance's commit took back. */
    let lostMarks = 0;
    for (;;) {
      while (this.budget.over()) await this.budget.turn();
      if (this.paused) return;
      let pending = store.pendingFor(destination);
      // expired answer addresses are dropped before anything is sent: only when this chat has one
      const deadline = new Date(this.deps.clock.now().getTime() + URL_MARGIN_MS);
      if (pending.some((i) => replyUrlDead(i, deadline))) {
        await this.expireReplyUrls(deadline, mine);
        pending = store.pendingFor(destination);
      }
      pending.sort(deliveryOrder);
      const next = pending[0];
      if (!next) return;
      const channel = channels.get(next.platform);
      if (!channel) {
        await this.durably(() =>
          store.markOutbox(this.meta(), next.id, {
            sent: false,
            error: zh.platformOff(next.platform),
            final: true,
          }),
        );
        continue;
      }
      const window = channel.capacity?.(next) ?? { waitMs: 0, free: Number.POSITIVE_INFINITY };
      if (window.waitMs > 0) {
        await this.rest(destination, window.waitMs);
        continue;
      }
      // merged once, as the window opens: not again for every reply that arrives while it is shut
      if (next.reply && (await this.mergePiledUp(destination, pending, channel, window.free))) continue;
      if (this.paused) return;
      // written before the call: if the process dies now, the restart knows this one may have gone out
      store.markOutbox(this.meta(), next.id, { sending: true });
      // the platform is called only once the item and its mark are committed (group commit). When
      // another instance committed first, the mark was taken back and the ledger holds theirs: look
      // again at what is really pending (the other may have marked this very item)
      try {
        await store.durable();
        lostMarks = 0;
      } catch (e) {
        if (e instanceof StoreConflictError && ++lostMarks < CONFLICT_ATTEMPTS) continue;
        throw e;
      }
      let outcome: Awaited<ReturnType<PushChannel['send']>>;
      try {
        outcome = await channel.send(next);
      } catch (e) {
        outcome = { ok: false, error: (e as Error).message, permanent: false };
      }
      while (this.budget.over()) await this.budget.turn();
      if (outcome.ok) {
        await this.durably(() => store.markOutbox(this.meta(), next.id, { sent: true }));
        continue;
      }
      if (outcome.permanent && next.reply?.url) {
        // the conversation's own url was refused: the group is still there (or the reply fails)
        await this.durably(() => store.dropReplyUrl(this.meta(), next.id, outcome.error));
        logger.warn('reply_url_refused', {
          destination: next.platform,
          chat: next.chatId,
          item: next.id,
          error: outcome.error,
          fallback: next.reply.groupFallback ? 'group' : 'none',
        });
        continue;
      }
      if (!outcome.permanent && outcome.retryAfterMs) {
        // the platform throttled the robot (DingTalk 130101 for 10 minutes, 660026, WeCom 45009): the
        // item stays pending on disk, in order, and is tried again once the throttle is over
        await this.durably(() =>
          store.markOutbox(this.meta(), next.id, {
            sent: false,
            error: outcome.error,
            final: false,
            throttled: true,
          }),
        );
        logger.warn('push_throttled', {
          destination: next.platform,
          chat: next.chatId,
          item: next.id,
          error: outcome.error,
          retryAfterMs: outcome.retryAfterMs,
        });
        await this.rest(destination, outcome.retryAfterMs);
        continue;
      }
      const final = outcome.permanent || next.attempts + 1 >= MAX_ATTEMPTS;
      await this.durably(() =>
        store.markOutbox(this.meta(), next.id, { sent: false, error: outcome.error, final }),
      );
      if (!final) {
        logger.warn('push_deferred', {
          destination: next.platform,
          chat: next.chatId,
          item: next.id,
          error: outcome.error,
        });
        return; // keep the order: later parts wait for this one; the next kick tries again
      }
      logger.error('push_failed', {
        destination: next.platform,
        chat: next.chatId,
        item: next.id,
        error: outcome.error,
      });
      if (outcome.permanent) {
        // everything else queued for this group would fail the same way
        await this.durably(() => {
          for (const rest of store.pendingFor(destination))
            store.markOutbox(this.meta(), rest.id, { sent: false, error: outcome.error, final: true });
        });
        this.deps.onPermanentFailure?.(next, outcome.error);
        return;
      }
    }
  }

  /** No answer address is kept, or used, past its expiry. */
  private async expireReplyUrls(
    deadline: Date,
    only: (item: Readonly<OutboxItem>) => boolean,
  ): Promise<void> {
    const expired = await this.durably(() =>
      this.deps.store.expireReplyUrls(this.meta(), deadline, zh.replyUrlExpired, only),
    );
    for (const item of expired) {
      this.deps.logger.warn('reply_expired', {
        destination: item.platform,
        chat: item.chatId,
        item: item.id,
      });
    }
  }

  /**
   * When more confirmations wait for this chat than its window lets out now, or the oldest has waited
   * too long, they become a few merged messages instead of hundreds. False when merging saves nothing.
   */
  private async mergePiledUp(
    destination: string,
    pending: OutboxItem[],
    channel: PushChannel,
    free: number,
  ): Promise<boolean> {
    const mergeable = pending.filter((i) => (i.reply?.confirmations.length ?? 0) > 0);
    if (mergeable.length < 2) return false;
    const now = this.deps.clock.now().getTime();
    const oldest = Math.min(...mergeable.map((i) => Date.parse(i.createdAt)));
    if (mergeable.length <= free && now - oldest < MERGE_AFTER_MS) return false;
    const lines = mergeable.flatMap((i) => i.reply?.confirmations ?? []);
    const parts = mergeConfirmations(lines, channel.render ?? renderPlainText, channel.limit);
    if (parts.length >= mergeable.length) return false;
    // the url that stays valid longest answers the merged messages; the group otherwise
    const withUrl = mergeable
      .filter((i) => i.reply?.url)
      .sort((a, b) => (b.reply?.urlExpiresAt ?? '').localeCompare(a.reply?.urlExpiresAt ?? ''))[0];
    const groupFallback = mergeable.some((i) => i.reply?.groupFallback);
    // made again on a ledger another instance changed, it merges nothing once any of them is not pending
    await this.durably(() =>
      this.deps.store.mergeReplies(
        this.meta(),
        mergeable.map((i) => i.id),
        parts.map((part, k) => {
          const direct = withUrl?.reply && (k === 0 || !channel.replyUrlOnce || !groupFallback);
          return {
            title: part.title,
            body: part.body,
            route: {
              url: direct ? (withUrl.reply?.url ?? null) : null,
              urlExpiresAt: direct ? (withUrl.reply?.urlExpiresAt ?? null) : null,
              groupFallback,
              confirmations: part.confirmations,
            },
          };
        }),
      ),
    );
    this.deps.logger.info('replies_merged', {
      destination: destination.split(':')[0],
      replies: mergeable.length,
      messages: parts.length,
    });
    return true;
  }
}
