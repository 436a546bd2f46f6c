import type pg from 'pg';
import { advisoryLockKey } from './pg-hashes.ts';

/** The advisory lock key of a stream's journal, apart from the leader's. */
export const journalLockKey = (stream: string): string => advisoryLockKey('journal', stream);

/**
 * A turn at a stream's journal: a session holding the journal's advisory lock. Every insert into
 * the journal waits for that lock inside its own statement, so while one instance holds a turn no
 * other appends: the changes it runs again on the rows it has just read cannot lose the race again.
 */
export class JournalTurn {
  private constructor(
    /** The session to append through while the turn lasts (an insert on another would wait for it). */
    readonly client: pg.PoolClient,
    private readonly key: string,
  ) {}

  /** Waits until no other instance holds a turn or is appending. */
  static async take(pool: pg.Pool, key: string): Promise<JournalTurn> {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
    } catch (e) {
      client.release(e as Error);
      throw e;
    }
    return new JournalTurn(client, key);
  }

  /** Lets the others append again; a session that cannot say so is ended, and its lock with it. */
  async end(): Promise<void> {
    try {
      await this.client.query('SELECT pg_advisory_unlock($1::bigint)', [this.key]);
      this.client.release();
    } catch (e) {
      this.client.release(e as Error);
    }
  }
}
