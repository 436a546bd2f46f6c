/**
 * Runs synchronous jobs in slices of at most `sliceMs`, giving the event loop back between slices:
 * a burst of two hundred messages is then never one long block that keeps timers (a platform's
 * 3-second reply window, a health check) waiting, however much each message costs.
 */
export class TimeSlices {
  private readonly queue: Array<() => void> = [];
  private scheduled = false;

  constructor(
    private readonly sliceMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `job` in a coming slice, in the order asked; resolves (or rejects) with what it returns. */
  run<T>(job: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push(() => {
        try {
          resolve(job());
        } catch (e) {
          reject(e);
        }
      });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.slice());
  }

  private slice(): void {
    this.scheduled = false;
    const until = this.now() + this.sliceMs;
    // at least one job per slice, so a job longer than a slice still runs
    do (this.queue.shift() as () => void)();
    while (this.queue.length > 0 && this.now() < until);
    if (this.queue.length > 0) this.schedule();
  }
}
