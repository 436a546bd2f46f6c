import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migratePg } from '../storage/pg/pg-migrations.ts';
import { DEFAULT_STREAM, redactedUrl } from '../storage/pg/pg-persistence.ts';
import { PgSnapshots } from '../storage/pg/pg-snapshots.ts';
import type { StoreDocument } from '../storage/schema.ts';

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

/** Starts the district's journal stream from `doc`, written as the engine writes its snapshots. */
export async function seedDistrict(url: string, doc: StoreDocument): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migratePg(client);
    const snapshots = new PgSnapshots(DEFAULT_STREAM, redactedUrl(url));
    await client.query('BEGIN');
    await snapshots.insert(client, snapshots.capture(doc));
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
