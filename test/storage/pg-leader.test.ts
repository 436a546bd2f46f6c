import type { QueryResultRow } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/logger.ts';
import { SoleLeadership } from '../../storage/leadership.ts';
import { leaderLockKey, PgLeadership } from '../../storage/pg/pg-leader.ts';
import { type FreshDatabase, freshDatabase, queryRows } from '../helpers/postgres.ts';

let db: FreshDatabase;
const made: PgLeadership[] = [];

/** An instance taking part in the election, with duties that count their starts and stops. */
function instance(name: string, options: { stream?: string; failToStart?: boolean; retryMs?: number } = {}) {
  const events: string[] = [];
  const logger: Logger = {
    info: (event) => events.push(event),
    warn: (event) => events.push(event),
    error: (event) => events.push(event),
  };
  const leadership = new PgLeadership({
    url: db.url,
    stream: options.stream,
    retryMs: options.retryMs ?? 100,
    logger,
  });
  made.push(leadership);
  const duties = {
    running: false,
    starts: 0,
    stops: 0,
    start: async () => {
      duties.starts++;
      if (options.failToStart) throw new Error(`${name} cannot start`);
      duties.running = true;
    },
    stop: async () => {
      duties.stops++;
      duties.running = false;
    },
  };
  return { name, leadership, duties, events };
}

const sql = <T extends QueryResultRow>(text: string, values: unknown[] = []) =>
  queryRows<T>(db.url, text, values);

/** The sessions holding an advisory lock in the test's database. */
const lockHolders = () =>
  sql<{ pid: number }>(
    `SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
      WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()`,
  );

beforeEach(async () => {
  db = await freshDatabase();
});

afterEach(async () => {
  for (const leadership of made.splice(0)) await leadership.close();
  await db.drop();
});

describe('the scheduler leader on PostgreSQL', () => {
  it('is exactly one of two instances, which runs the duties while the other waits', async () => {
    const a = instance('a');
    const b = instance('b');
    await Promise.all([a.leadership.start(a.duties), b.leadership.start(b.duties)]);
    // several more tries by the one that waits change nothing
    await new Promise((r) => setTimeout(r, 500));
    const leaders = [a, b].filter((i) => i.leadership.leading);
    expect(leaders).toHaveLength(1);
    expect([a, b].map((i) => i.duties.running).sort()).toEqual([false, true]);
    expect(a.duties.starts + b.duties.starts).toBe(1);
    expect(await lockHolders()).toHaveLength(1);
    expect(leaders[0]?.events).toEqual(['leader_acquired']);
  });

  it('gives the lead up on close, after stopping its duties, and the other instance takes it', async () => {
    const a = instance('a');
    await a.leadership.start(a.duties);
    const b = instance('b');
    await b.leadership.start(b.duties);
    expect(a.leadership.leading).toBe(true);
    expect(b.leadership.leading).toBe(false);
    await a.leadership.close();
    expect(a.duties).toMatchObject({ running: false, starts: 1, stops: 1 });
    expect(a.events).toEqual(['leader_acquired', 'leader_released']);
    await expect.poll(() => b.duties.running, { timeout: 2_000, interval: 20 }).toBe(true);
    expect(b.leadership.leading).toBe(true);
  });

  it('stops the duties at once when its session is lost, and the other takes over on its next try', async () => {
    // a tries again only after a second: b, trying every 100 ms, is the one to take the free lock
    const a = instance('a', { retryMs: 1_000 });
    await a.leadership.start(a.duties);
    const b = instance('b');
    await b.leadership.start(b.duties);
    const [holder] = await lockHolders();
    const lostAt = Date.now();
    await sql('SELECT pg_terminate_backend($1)', [holder?.pid]);
    await expect.poll(() => a.duties.running, { timeout: 2_000, interval: 5 }).toBe(false);
    expect(a.events).toEqual(['leader_acquired', 'leader_lost']);
    await expect.poll(() => b.duties.running, { timeout: 2_000, interval: 5 }).toBe(true);
    // b tries every 100 ms here (2 s by default)
    expect(Date.now() - lostAt).toBeLessThan(1_500);
    expect(b.events).toEqual(['leader_acquired']);
    // a comes back as a follower: a second leader would be a second sender
    await new Promise((r) => setTimeout(r, 1_500));
    expect(a.leadership.leading).toBe(false);
    expect(await lockHolders()).toHaveLength(1);
  });

  it('hands the lead on when its duties cannot start', async () => {
    const a = instance('a', { failToStart: true });
    await a.leadership.start(a.duties);
    const b = instance('b');
    await b.leadership.start(b.duties);
    expect(a.events.slice(0, 3)).toEqual(['leader_acquired', 'leader_duties_failed', 'leader_lost']);
    await expect.poll(() => b.duties.running, { timeout: 2_000, interval: 20 }).toBe(true);
  });

  it('has one lock per journal stream: each district has its own leader', async () => {
    const a = instance('a', { stream: 'district-a' });
    const b = instance('b', { stream: 'district-b' });
    await Promise.all([a.leadership.start(a.duties), b.leadership.start(b.duties)]);
    expect([a.leadership.leading, b.leadership.leading]).toEqual([true, true]);
    expect(leaderLockKey('district-a')).not.toBe(leaderLockKey('district-b'));
    expect(await lockHolders()).toHaveLength(2);
  });

  it('never logs the database URL', async () => {
    const url = db.url.replace('postgres@', 'postgres:secret-password@');
    const logged: string[] = [];
    const logger: Logger = {
      info: (...line) => logged.push(JSON.stringify(line)),
      warn: (...line) => logged.push(JSON.stringify(line)),
      error: (...line) => logged.push(JSON.stringify(line)),
    };
    const a = new PgLeadership({ url, retryMs: 100, logger });
    made.push(a);
    await a.start({ start: async () => {}, stop: async () => {} });
    await sql(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'saima-leader:%'`,
    );
    await expect.poll(() => a.leading, { timeout: 2_000, interval: 20 }).toBe(false);
    await a.close();
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toMatch(/secret-password|postgres:\/\//);
  });
});

describe('the embedded store’s leader', () => {
  it('is its one process: the duties run from start to close', async () => {
    const leadership = new SoleLeadership();
    const calls: string[] = [];
    await leadership.start({
      start: async () => void calls.push('start'),
      stop: async () => void calls.push('stop'),
    });
    expect(leadership.leading).toBe(true);
    await leadership.close();
    expect(calls).toEqual(['start', 'stop']);
    expect(leadership.leading).toBe(false);
  });
});
