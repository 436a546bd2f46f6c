import type { ClientBase } from 'pg';

/**
 * The database's own versions, applied in order at start-up. A released step is never edited,
 * only followed by a new one: a database remembers which steps it has run.
 */
export const PG_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE saima_journal (
        stream text NOT NULL,
        seq bigint NOT NULL CHECK (seq > 0),
        message_key text,
        record text NOT NULL,
        checksum text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (stream, seq)
      );
      CREATE UNIQUE INDEX saima_journal_message ON saima_journal (stream, message_key)
        WHERE message_key IS NOT NULL;
      CREATE TABLE saima_snapshots (
        stream text NOT NULL,
        seq bigint NOT NULL,
        schema_version integer NOT NULL,
        records integer NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream, seq)
      );
      CREATE TABLE saima_snapshot_records (
        stream text NOT NULL,
        seq bigint NOT NULL,
        collection text NOT NULL,
        id text NOT NULL,
        record text NOT NULL,
        checksum text NOT NULL,
        PRIMARY KEY (stream, seq, collection, id),
        FOREIGN KEY (stream, seq) REFERENCES saima_snapshots (stream, seq) ON DELETE CASCADE
      );`,
  },
  {
    // where each record stood in its collection: the ledger lists records in the order they were
    // made (全区进度's tiers, for one), and a start from a snapshot must list them the same way
    version: 2,
    sql: `ALTER TABLE saima_snapshot_records ADD COLUMN position integer NOT NULL DEFAULT 0;`,
  },
];

/** Held for the length of a migration: two instances starting together migrate once. */
const MIGRATION_LOCK = 0x5a1_3a01;

export class PgSchemaTooNewError extends Error {
  constructor(readonly version: number) {
    super(`the database was migrated by a newer saima (version ${version}); start that version`);
    this.name = 'PgSchemaTooNewError';
  }
}

/** Runs the steps this database lacks, in one transaction; returns the versions it ran. */
export async function migratePg(client: ClientBase): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS saima_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM saima_migrations');
    const done = new Set(rows.map((r) => r.version));
    const known = Math.max(...PG_MIGRATIONS.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known) throw new PgSchemaTooNewError(newest);
    const ran: number[] = [];
    for (const m of PG_MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO saima_migrations (version) VALUES ($1)', [m.version]);
      ran.push(m.version);
    }
    await client.query('COMMIT');
    return ran;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
