import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier, type QueryResultRow } from 'pg';

/** The variable through which test/global-postgres.ts hands the run's PostgreSQL to the test workers. */
export const TEST_POSTGRES_URL_VARIABLE = 'SAIMA_TEST_POSTGRES_URL';

/** The superuser URL of the PostgreSQL this test run uses (chosen once per run by test/global-postgres.ts). */
export function postgresAdminUrl(): string {
  const url = process.env[TEST_POSTGRES_URL_VARIABLE];
  if (!url) {
    throw new Error(
      `${TEST_POSTGRES_URL_VARIABLE} is not set: run the tests through vitest, whose globalSetup ` +
        'test/global-postgres.ts finds or starts a PostgreSQL and sets it',
    );
  }
  return url;
}

/**
 * Why `url` cannot be used, or undefined when it accepts a connection and answers a query.
 * Never throws: the caller decides what an unreachable server means.
 */
export async function connectionError(url: string, timeoutMs: number): Promise<Error | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // a server that goes away mid-probe reports through 'error'; the failed promise already says so
  client.on('error', () => {});
  let connected = false;
  try {
    await client.connect();
    connected = true;
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    // end() on a client whose connect failed can wait forever
    if (connected) await client.end().catch(() => {});
  }
}

/** Runs one statement on `url` over a short-lived connection of its own and returns its rows. */
export async function queryRows<T extends QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Runs one statement as the superuser. */
async function asAdmin(sql: string): Promise<void> {
  await queryRows(postgresAdminUrl(), sql);
}

export interface FreshDatabase {
  /** Connection URL of the new database, as the superuser. */
  url: string;
  /** Drops the database, first ending every connection still open on it (those clients get an 'error' event). */
  drop(): Promise<void>;
}

/**
 * A new, empty database of its own for a test or a test file, so tests never see each other's tables.
 * It is copied from template0 with UTF8 and the C locale, so text sorts the same whatever the server's default.
 */
export async function freshDatabase(): Promise<FreshDatabase> {
  const name = `saima_t_${randomBytes(8).toString('hex')}`;
  const quoted = escapeIdentifier(name);
  // template0, because nobody is ever connected to it: copying template1 fails while anyone else is
  await asAdmin(`CREATE DATABASE ${quoted} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE ends the database's connections (as pg_terminate_backend does) in the same step as the drop,
    // so a pool that reconnects in between cannot make the drop fail
    drop: () => asAdmin(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`),
  };
}
