/**
 * What only one instance on a ledger may do at a time (the scheduled pushes and the outbox): started
 * when this instance becomes the leader, stopped as soon as it is no longer sure to be.
 */
export interface LeaderDuties {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Which instance runs the leader's duties. The embedded files have one process, always the leader;
 * on PostgreSQL (storage/pg/pg-leader.ts) the instances share a lock and one of them holds it.
 */
export interface Leadership {
  /** Starts taking part; resolves after the first try (the duties started if the lead was taken). */
  start(duties: LeaderDuties): Promise<void>;
  /** Whether this instance holds the lead right now. */
  readonly leading: boolean;
  /** Stops the duties (if running) and gives up the lead. */
  close(): Promise<void>;
}

/** The one process of an embedded data directory (held by its lock) leads from start to close. */
export class SoleLeadership implements Leadership {
  private duties: LeaderDuties | null = null;

  get leading(): boolean {
    return this.duties !== null;
  }

  async start(duties: LeaderDuties): Promise<void> {
    await duties.start();
    this.duties = duties;
  }

  async close(): Promise<void> {
    const duties = this.duties;
    this.duties = null;
    await duties?.stop();
  }
}
