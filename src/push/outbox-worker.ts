import type { OutboxItem } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import type { Logger } from '../core/logger.ts';
import type { Clock } from '../time/clock.ts';
import type { PushChannel } from './channels.ts';

/** Tries a transiently failing item this many times (across kicks) before giving it up as failed. */
const MAX_ATTEMPTS = 10;

/**
 * Delivers what the outbox holds: one loop per destination, items in order, each marked sent in the
 * store right after the platform accepted it — so a restart resumes with what is still pending and
 * sends nothing twice.
 */
export class OutboxWorker {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: {
      store: Store;
      channels: ReadonlyMap<string, PushChannel>;
      logger: Logger;
      clock: Clock;
      /** Told once when a destination fails for good, so admins hear of it. */
      onPermanentFailure?: (item: OutboxItem, error: string) => void;
    },
  ) {}

  /** At start-up: items caught mid-send by a crash are marked unknown (never re-sent) and reported. */
  recoverInterrupted(): OutboxItem[] {
    const interrupted = this.deps.store.markInterrupted(this.meta());
    for (const item of interrupted) {
      this.deps.logger.warn('push_interrupted', {
        destination: item.platform,
        chat: item.chatId,
        item: item.id,
      });
    }
    return interrupted;
  }

  /** Starts a loop for every destination with pending items that has none running. */
  kick(): Promise<void> {
    const pending = this.deps.store.outbox((i) => i.status === 'pending');
    const destinations = [...new Set(pending.map((i) => `${i.platform}:${i.chatId}`))];
    for (const destination of destinations) {
      if (!this.running.has(destination)) {
        const loop = this.drain(destination).finally(() => this.running.delete(destination));
        this.running.set(destination, loop);
      }
    }
    return this.idle();
  }

  /** Resolves when every running loop has finished. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  private meta() {
    return { actor: 'saima', command: 'push', at: this.deps.clock.now() };
  }

  private async drain(destination: string): Promise<void> {
    const { store, channels, logger } = this.deps;
    for (;;) {
      const next = store
        .outbox((i) => i.status === 'pending' && `${i.platform}:${i.chatId}` === destination)
        .sort((a, b) => a.runId.localeCompare(b.runId) || a.order - b.order || a.id.localeCompare(b.id))[0];
      if (!next) return;
      const channel = channels.get(next.platform);
      if (!channel) {
        store.markOutbox(this.meta(), next.id, {
          sent: false,
          error: `平台 ${next.platform} 未启用`,
          final: true,
        });
        continue;
      }
      // written before the call: if the process dies now, the restart knows this one may have gone out
      store.markOutbox(this.meta(), next.id, { sending: true });
      let outcome: Awaited<ReturnType<PushChannel['send']>>;
      try {
        outcome = await channel.send(next);
      } catch (e) {
        outcome = { ok: false, error: (e as Error).message, permanent: false };
      }
      if (outcome.ok) {
        store.markOutbox(this.meta(), next.id, { sent: true });
        continue;
      }
      const final = outcome.permanent || next.attempts + 1 >= MAX_ATTEMPTS;
      store.markOutbox(this.meta(), next.id, { sent: false, error: outcome.error, final });
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
        for (const rest of store.outbox(
          (i) => i.status === 'pending' && `${i.platform}:${i.chatId}` === destination,
        )) {
          store.markOutbox(this.meta(), rest.id, { sent: false, error: outcome.error, final: true });
        }
        this.deps.onPermanentFailure?.(next, outcome.error);
        return;
      }
    }
  }
}
