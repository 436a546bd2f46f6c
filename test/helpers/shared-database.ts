import type { QueryResultRow } from 'pg';
import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../../storage/store.ts';
import { type FreshDatabase, freshDatabase, queryRows } from './postgres.ts';

/**
 * A fresh database for each test of the file, shared by the stores a test opens on it as instances
 * share one: a store handed to `keep` is closed when the test ends, before the database is dropped.
 */
export function sharedDatabase() {
  let db: FreshDatabase | null = null;
  const open: Store[] = [];
  const closeAll = async () => {
    for (const store of open.splice(0)) await store.close().catch(() => undefined);
  };
  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(async () => {
    await closeAll();
    await db?.drop();
    db = null;
  });
  const url = () => {
    if (!db) throw new Error('the shared database exists only while a test runs');
    return db.url;
  };
  return {
    get url(): string {
      return url();
    },
    keep<T extends Store>(store: T): T {
      open.push(store);
      return store;
    },
    closeAll,
    /**
     * Ends the server sessions that wait for notifications, as a database restart or a dropped link
     * does; says how many it ended.
     */
    async endListeners(): Promise<number> {
      const rows = await queryRows<{ cut: boolean }>(
        url(),
        `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`,
      );
      return rows.filter((r) => r.cut).length;
    },
    /** Runs one statement on the test's database and returns its rows. */
    sql<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
      return queryRows<T>(url(), text, values);
    },
  };
}
