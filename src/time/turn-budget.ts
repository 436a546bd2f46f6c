import { performance } from 'node:perf_hooks';
// node:timers' own, not the global one a test's fake clock replaces: yielding is not waiting for time
import { setImmediate } from 'node:timers';

/** Lets the event loop take one turn (timers, requests) before going on. */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Shares the main thread among many pieces of synchronous work: the bot's incoming messages, the
 * outbox's delivery loops. Hundreds of them resuming together (a burst of messages, a run's sends
 * answered in the same turn) would otherwise run one after another without letting a timer or a
 * request in between. Once they have worked `budgetMs` since the event loop last turned, the next
 * one waits for a turn.
 *
 * Check right before the work, with nothing awaited in between (an awaited check is stale by the
 * time its continuation runs, after everybody else's work):
 * `while (budget.over()) await budget.turn();`
 */
export class TurnBudget {
  private busySince: number | null = null;
  private waiting: Promise<void> | null = null;

  constructor(
    private readonly budgetMs = 10,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  over(): boolean {
    const now = this.clock();
    if (this.busySince === null) {
      this.busySince = now;
      setImmediate(() => {
        this.busySince = null;
      });
    }
    return now - this.busySince > this.budgetMs;
  }

  turn(): Promise<void> {
    this.waiting ??= nextTurn().then(() => {
      this.waiting = null;
    });
    return this.waiting;
  }
}
