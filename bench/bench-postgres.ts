import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { redactedUrl } from '../storage/pg/pg-persistence.ts';

/** Where the bench looks for a PostgreSQL when SAIMA_BENCH_POSTGRES_URL does not say. */
const LOCAL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  /** The new database's URL. */
  url: string;
  drop(): Promise<void>;
}

async function asAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  // a server that goes away mid-statement reports through 'error'; the failed promise says so too
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A database of the bench's own on the PostgreSQL that SAIMA_BENCH_POSTGRES_URL names (else
 * 127.0.0.1:5432), dropped afterwards; or why there is none. The bench is not the test suite: it
 * starts no server of its own.
 */
export async function benchDatabase(): Promise<BenchDatabase | { skipped: string }> {
  const admin = process.env.SAIMA_BENCH_POSTGRES_URL ?? LOCAL;
  const name = `saima_bench_${randomBytes(6).toString('hex')}`;
  try {
    await asAdmin(admin, `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  } catch (e) {
    return {
      skipped: `no PostgreSQL to create a database on at ${redactedUrl(admin)} (${(e as Error).message}); set SAIMA_BENCH_POSTGRES_URL to a superuser URL`,
    };
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * The floor under any acknowledged write on this server: one one-row INSERT committed (its WAL
 * flush), the median of `count` in a row, on a table made and dropped for it.
 */
export async function commitFloor(url: string, count = 50): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS bench_commit_floor (x integer)');
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      await client.query('INSERT INTO bench_commit_floor VALUES ($1)', [i]);
      times.push(performance.now() - t);
    }
    await client.query('DROP TABLE bench_commit_floor');
    return times.sort((a, b) => a - b)[Math.floor(count / 2)] as number;
  } finally {
    await client.end();
  }
}
