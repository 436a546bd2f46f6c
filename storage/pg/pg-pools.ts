import pg from 'pg';

/** A ledger needs at most this many connections at once: its insert or turn, a catch-up, a snapshot. */
const PER_LEDGER = 3;
/** What one ledger alone may use (the pool it had before ledgers shared one). */
const FIRST = 4;

interface Shared {
  pool: pg.Pool;
  users: number;
  logs: Set<(line: string) => void>;
}

const shared = new Map<string, Shared>();

/** The pool's size for this many ledgers drawing on it. */
const sizeFor = (users: number) => FIRST + PER_LEDGER * (users - 1);

/**
 * One connection pool per database per process, shared by every ledger on it (each district and the
 * city is a stream of the same database): idle, a deployment of many districts keeps the one or two
 * connections the pool keeps warm, not a pool per district. It grows by `PER_LEDGER` for each ledger
 * so that no ledger ever waits on another's connections.
 */
export function sharePool(url: string, log: (line: string) => void): pg.Pool {
  let entry = shared.get(url);
  if (!entry) {
    const pool = new pg.Pool({ connectionString: url, max: FIRST });
    const created: Shared = { pool, users: 0, logs: new Set() };
    // an idle connection the server drops must not crash the process; the next query reconnects
    pool.on('error', (e) => {
      for (const say of created.logs) say(`PostgreSQL connection lost: ${e.message}`);
    });
    entry = created;
    shared.set(url, entry);
  }
  entry.users++;
  entry.logs.add(log);
  entry.pool.options.max = sizeFor(entry.users);
  return entry.pool;
}

/** Gives a ledger's share back; the last one out ends the pool. */
export async function releasePool(url: string, log: (line: string) => void): Promise<void> {
  const entry = shared.get(url);
  if (!entry) return;
  entry.users--;
  entry.logs.delete(log);
  if (entry.users > 0) {
    entry.pool.options.max = sizeFor(entry.users);
    return;
  }
  shared.delete(url);
  await entry.pool.end();
}
