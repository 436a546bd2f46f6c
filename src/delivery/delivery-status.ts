/** What the admins see of each push destination: last success, last failure, and whether it is dead. */
export interface DestinationStatus {
  destination: string;
  sent: number;
  lastSentAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** A permanent failure (robot removed, bad key): nothing more is sent until it is reconfigured. */
  dead: boolean;
}

/** A push started by hand that failed before its messages were queued (details are in the log). */
export interface RunFailure {
  kind: string;
  at: string;
}

export class DeliveryStatus {
  private readonly byDestination = new Map<string, DestinationStatus>();
  private readonly failedRuns: RunFailure[] = [];

  runFailed(kind: string, at: Date): void {
    this.failedRuns.push({ kind, at: at.toISOString() });
    if (this.failedRuns.length > 20) this.failedRuns.shift();
  }

  runFailures(): RunFailure[] {
    return this.failedRuns.map((f) => ({ ...f }));
  }

  private entry(destination: string): DestinationStatus {
    let s = this.byDestination.get(destination);
    if (!s) {
      s = { destination, sent: 0, lastSentAt: null, lastError: null, lastErrorAt: null, dead: false };
      this.byDestination.set(destination, s);
    }
    return s;
  }

  sent(destination: string, at: Date): void {
    const s = this.entry(destination);
    s.sent++;
    s.lastSentAt = at.toISOString();
  }

  failed(destination: string, error: string, at: Date, permanent: boolean): void {
    const s = this.entry(destination);
    s.lastError = error;
    s.lastErrorAt = at.toISOString();
    if (permanent) s.dead = true;
  }

  isDead(destination: string): boolean {
    return this.byDestination.get(destination)?.dead ?? false;
  }

  all(): DestinationStatus[] {
    return [...this.byDestination.values()].map((s) => ({ ...s }));
  }
}
