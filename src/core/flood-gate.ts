/** Messages one member may send per minute before the bot slows them down. */
export const MEMBER_MESSAGES_PER_MINUTE = 30;
const WINDOW_MS = 60_000;
/** Far above any bureau's member count; past it, ended windows are swept out. */
const SWEEP_AT = 10_000;

export type FloodVerdict = 'pass' | 'slow-down' | 'drop';

/**
 * Counts each sender's messages in a one-minute window opened by their first message: within the
 * limit they pass; the first one over it earns one polite answer; the rest of that window are dropped.
 */
export class FloodGate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit = MEMBER_MESSAGES_PER_MINUTE) {}

  admit(sender: string, now: number): FloodVerdict {
    let w = this.windows.get(sender);
    if (!w || now - w.start >= WINDOW_MS || now < w.start) {
      if (!w && this.windows.size >= SWEEP_AT) this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(sender, w);
    }
    w.count++;
    if (w.count <= this.limit) return 'pass';
    return w.count === this.limit + 1 ? 'slow-down' : 'drop';
  }

  private sweep(now: number): void {
    for (const [sender, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(sender);
  }
}
