import { SKEW_FUTURE_MS, SKEW_PAST_MS } from './sign.ts';

/**
 * DingTalk's callback sign covers only the timestamp, so a captured (timestamp, sign) pair would
 * pass with any body for as long as the timestamp is in the window. Each pair is bound to the first
 * msgId it came with until the timestamp leaves the window: a retry of that message passes, any
 * other message with the same pair is refused. In memory: a restart forgets the bindings.
 */
export class SignBindings {
  private readonly bound = new Map<string, { messageId: string; until: number }>();
  private nextSweep = 0;

  /** True when this pair is new (and is now bound to `messageId`) or already bound to it. */
  claim(timestamp: string, sign: string, messageId: string, now: number): boolean {
    if (now >= this.nextSweep) {
      for (const [key, b] of this.bound) if (b.until < now) this.bound.delete(key);
      this.nextSweep = now + SKEW_FUTURE_MS;
    }
    const key = `${timestamp}\n${sign}`;
    const existing = this.bound.get(key);
    if (existing && existing.until >= now) return existing.messageId === messageId;
    // the pair verifies until the timestamp is an hour old; keep the binding at least that long
    this.bound.set(key, { messageId, until: Number(timestamp) + SKEW_PAST_MS });
    return true;
  }

  get size(): number {
    return this.bound.size;
  }
}
