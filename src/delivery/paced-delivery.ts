import type { Logger } from '../core/logger.ts';
import type { DeliveryStatus } from './delivery-status.ts';
import { RateWindow } from './rate-window.ts';

/**
 * What one call to a platform came to. `retryAfterMs` overrides the default backoff; `holdMs` says
 * the robot is throttled as a whole (DingTalk 130101, WeCom 45009): nothing goes to it for that long.
 */
export type Attempt =
  | { ok: true }
  | { ok: false; error: string; permanent: boolean; retryAfterMs?: number; holdMs?: number };

/** How a queue ended: `retryAfterMs` when it stopped at a throttled robot, to be tried again after that. */
export interface Delivered {
  delivered: number;
  failed: string | null;
  retryAfterMs?: number;
}

export interface PacedDeliveryDeps {
  /** For log lines: `wecom_push_failed`, `dingtalk_push_retry`, … */
  platform: string;
  logger: Logger;
  status: DeliveryStatus;
  perMinute?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Told of every attempt as the rate window admits it (for metrics and tests). */
  onAttempt?: (robot: string, at: number) => void;
}

/**
 * The rules every push follows, whatever the platform: ordered queues per destination, a sliding
 * window per robot (20 a minute), retries with exponential backoff, and permanent failures that
 * disable the destination — recorded in the admins' status and logged without secrets.
 */
export class PacedDelivery {
  private readonly windows = new Map<string, RateWindow>();
  /** Robots the platform has throttled, and until when. */
  private readonly heldUntil = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;

  constructor(private readonly deps: PacedDeliveryDeps) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = deps.now ?? Date.now;
  }

  /**
   * Sends each part in order, after whatever is already queued under `queue`; stops at the first part
   * that cannot be delivered. `robot` names the rate window (one robot may serve many groups), `name`
   * the destination as admins and logs see it. With `onHold: 'return'` a throttled robot ends the
   * call at once with `retryAfterMs` (the durable outbox waits, not this process's memory).
   */
  sendInOrder<T>(
    target: { queue: string; robot: string; name: string; onHold?: 'wait' | 'return' },
    parts: T[],
    send: (part: T, attempt: number) => Promise<Attempt>,
  ): Promise<Delivered> {
    const previous = this.queues.get(target.queue) ?? Promise.resolve();
    const run = previous.then(async (): Promise<Delivered> => {
      let delivered = 0;
      for (const part of parts) {
        const failure = await this.deliver(target, (attempt) => send(part, attempt));
        if (failure) return { delivered, failed: failure.error, retryAfterMs: failure.retryAfterMs };
        delivered++;
      }
      return { delivered, failed: null };
    });
    this.queues.set(
      target.queue,
      run.catch(() => undefined),
    );
    return run;
  }

  /**
   * How long until `robot`'s window admits a send, and how many it admits now: the outbox waits
   * before it marks an item as being sent, so a crash while waiting loses nothing.
   */
  capacity(robot: string): { waitMs: number; free: number } {
    const window = this.window(robot);
    const now = this.now();
    const held = this.heldMs(robot);
    return { waitMs: Math.max(window.waitMs(now), held), free: held > 0 ? 0 : window.free(now) };
  }

  private heldMs(robot: string): number {
    return Math.max(0, (this.heldUntil.get(robot) ?? 0) - this.now());
  }

  private window(robot: string): RateWindow {
    let window = this.windows.get(robot);
    if (!window) {
      window = new RateWindow(this.deps.perMinute ?? 20, 60_000);
      this.windows.set(robot, window);
    }
    return window;
  }

  private async deliver(
    target: { robot: string; name: string; onHold?: 'wait' | 'return' },
    send: (attempt: number) => Promise<Attempt>,
  ): Promise<{ error: string; retryAfterMs?: number } | null> {
    const { status, logger, platform } = this.deps;
    const { robot, name } = target;
    if (status.isDead(name)) return { error: 'destination is disabled after a permanent error' };
    const window = this.window(robot);
    const maxAttempts = this.deps.maxAttempts ?? 6;
    for (let attempt = 1; ; attempt++) {
      // re-check after every sleep: other queues of the same robot may have taken the free places
      for (let wait = this.capacity(robot).waitMs; wait > 0; wait = this.capacity(robot).waitMs) {
        await this.sleep(wait);
      }
      window.record(this.now());
      this.deps.onAttempt?.(robot, this.now());
      let outcome: Attempt;
      try {
        outcome = await send(attempt);
      } catch (e) {
        outcome = { ok: false, error: (e as Error).message, permanent: false };
      }
      if (outcome.ok) {
        status.sent(name, new Date(this.now()));
        return null;
      }
      if (!outcome.permanent && outcome.holdMs) {
        this.heldUntil.set(robot, this.now() + outcome.holdMs);
        logger.warn(`${platform}_push_throttled`, {
          destination: name,
          error: outcome.error,
          holdMs: outcome.holdMs,
        });
        if (target.onHold === 'return') {
          status.failed(name, outcome.error, new Date(this.now()), false);
          return { error: outcome.error, retryAfterMs: outcome.holdMs };
        }
        if (attempt < maxAttempts) continue;
      }
      if (outcome.permanent || attempt >= maxAttempts) {
        status.failed(name, outcome.error, new Date(this.now()), outcome.permanent);
        logger.error(`${platform}_push_failed`, {
          destination: name,
          error: outcome.error,
          permanent: outcome.permanent,
          attempt,
        });
        return { error: outcome.error };
      }
      const backoff = Math.min(outcome.retryAfterMs ?? 1_000 * 2 ** (attempt - 1), 10 * 60_000);
      logger.warn(`${platform}_push_retry`, {
        destination: name,
        error: outcome.error,
        attempt,
        backoffMs: backoff,
      });
      await this.sleep(backoff);
    }
  }
}
