/**
 * At most `limit` sends in any `windowMs` (WeCom and DingTalk robots: 20 per minute). `waitMs` says
 * how long until the next send is allowed; `record` notes a send.
 */
export class RateWindow {
  private readonly sent: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  waitMs(now: number): number {
    while (this.sent.length && (this.sent[0] as number) <= now - this.windowMs) this.sent.shift();
    if (this.sent.length < this.limit) return 0;
    return (this.sent[0] as number) + this.windowMs - now;
  }

  /** Sends the window still admits right now. */
  free(now: number): number {
    this.waitMs(now);
    return this.limit - this.sent.length;
  }

  record(now: number): void {
    this.sent.push(now);
  }
}
