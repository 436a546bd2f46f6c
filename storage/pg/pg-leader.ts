import pg from 'pg';
import type { Logger } from '../../src/core/logger.ts';
import type { LeaderDuties, Leadership } from '../leadership.ts';
import { advisoryLockKey } from './pg-hashes.ts';
import { DEFAULT_STREAM } from './pg-persistence.ts';

export interface PgLeadershipOptions {
  /** postgres://… (SAIMA_DATABASE_URL). */
  url: string;
  /** The journal stream whose leader this is: one lock per stream. */
  stream?: string;
  /** How often a follower tries for the lead, and the leader makes sure its session is still there. */
  retryMs?: number;
  /** A connect or query that takes longer than this counts as a lost connection. */
  timeoutMs?: number;
  logger: Logger;
}

/**
 * The server drops a silent session after about idle + interval × count seconds (5 + 2 × 3), and its
 * advisory lock with it: a leader whose machine died (no FIN, unlike kill -9) is replaced in time.
 * The leader's own check every few seconds keeps a live session from ever being idle that long.
 */
const SERVER_KEEPALIVES =
  'SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3';

/** The advisory lock key of a stream's leader: streams never share one. */
export const leaderLockKey = (stream: string): string => advisoryLockKey('leader', stream);

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Leadership by a PostgreSQL advisory lock, held by a session of its own: one instance holds it,
 * the others try again every few seconds. The lock dies with the leader's session, so when the
 * leader's process is killed (or its machine stops answering the server's keepalives) another
 * instance takes it on its next try. When the leader loses its session it stops the duties at
 * once: it can no longer be sure it leads.
 */
export class PgLeadership implements Leadership {
  private readonly stream: string;
  private readonly key: string;
  private readonly retryMs: number;
  private readonly timeoutMs: number;
  private client: pg.Client | null = null;
  /** The session that holds the lock, while one does. */
  private holder: pg.Client | null = null;
  private duties: LeaderDuties | null = null;
  /** Starts and stops of the duties, each after the one before: never two at once. */
  private turn: Promise<void> = Promise.resolve();
  private trying: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: PgLeadershipOptions) {
    this.stream = options.stream ?? DEFAULT_STREAM;
    this.key = leaderLockKey(this.stream);
    this.retryMs = options.retryMs ?? 2_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  get leading(): boolean {
    return this.holder !== null;
  }

  async start(duties: LeaderDuties): Promise<void> {
    this.duties = duties;
    await this.attempt();
    await this.turn;
  }

  private async attempt(): Promise<void> {
    this.timer = null;
    if (this.closed) return;
    this.trying = this.tryOnce();
    await this.trying;
    this.trying = null;
    if (this.closed) return;
    this.timer = setTimeout(() => void this.attempt(), this.retryMs);
    this.timer.unref();
  }

  private async tryOnce(): Promise<void> {
    let client = this.client;
    try {
      client ??= await this.connect();
      if (this.holder === client) {
        // the lock belongs to the session: while the session answers, the lock is still ours
        await client.query('SELECT 1');
        return;
      }
      const { rows } = await client.query<{ held: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS held',
        [this.key],
      );
      // a session lost or closed meanwhile takes the lock with it
      if (rows[0]?.held && this.client === client && !this.closed) this.acquired(client);
    } catch (e) {
      if (client) this.drop(client, reasonOf(e));
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: this.timeoutMs,
      query_timeout: this.timeoutMs,
      keepAlive: true,
      application_name: `saima-leader:${this.stream}`,
    });
    client.on('error', (e) => this.drop(client, e.message));
    client.on('end', () => this.drop(client, 'connection closed'));
    await client.connect();
    this.client = client;
    await client.query(SERVER_KEEPALIVES);
    return client;
  }

  private acquired(client: pg.Client): void {
    this.holder = client;
    this.options.logger.info('leader_acquired', { stream: this.stream, pid: process.pid });
    const duties = this.duties;
    this.turn = this.turn.then(async () => {
      if (!duties || this.holder !== client) return;
      try {
        await duties.start();
      } catch (e) {
        // a leader that cannot do its duties gives the lead to an instance that may
        this.options.logger.error('leader_duties_failed', { stream: this.stream, error: reasonOf(e) });
        this.drop(client, 'duties failed to start');
      }
    });
  }

  /** Forgets a session that failed or ended; if it held the lock, the duties stop at once. */
  private drop(client: pg.Client, reason: string): void {
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
    if (this.holder !== client) return;
    this.holder = null;
    this.options.logger.warn('leader_lost', { stream: this.stream, pid: process.pid, reason });
    this.stopDuties();
  }

  private stopDuties(): void {
    const duties = this.duties;
    this.turn = this.turn.then(async () => {
      try {
        await duties?.stop();
      } catch (e) {
        this.options.logger.error('leader_duties_failed', { stream: this.stream, error: reasonOf(e) });
      }
    });
  }

  /** Stops the duties while still holding the lock (nobody takes over mid-send), then ends the session. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.trying;
    const client = this.client;
    this.client = null;
    if (this.holder) {
      this.holder = null;
      this.options.logger.info('leader_released', { stream: this.stream, pid: process.pid });
      this.stopDuties();
    }
    await this.turn;
    await client?.end().catch(() => undefined);
  }
}
