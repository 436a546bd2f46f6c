import pg from 'pg';
import { zh } from '../src/text/zh.ts';
import { advisoryLockKey, checksumOf } from './pg/pg-hashes.ts';
import { migratePg } from './pg/pg-migrations.ts';
import { redactedUrl } from './pg/pg-persistence.ts';
import { PgSnapshots } from './pg/pg-snapshots.ts';
import type { StoreDocument } from './schema.ts';
import { type AnyJournalRecord, MigrationRefusedError } from './store-migration.ts';

/** Journal rows per INSERT: one statement's parameters stay small, and the transaction holds them all. */
const BATCH = 500;

/** What one district's stream holds in the database. */
export interface PgStreamState {
  journalRows: number;
  /** The last journal row's seq; null without rows. */
  lastSeq: number | null;
  snapshots: number;
}

const EMPTY: PgStreamState = { journalRows: 0, lastSeq: null, snapshots: 0 };

export function streamHasLedger(state: PgStreamState): boolean {
  return state.journalRows > 0 || state.snapshots > 0;
}

/** A client on the database, or a refusal that names the database without its password. */
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // a connection dropped while idle must not crash the process; the next query fails and says so
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new MigrationRefusedError(zh.migrateDatabaseUnreachable(redactedUrl(url), (e as Error).message));
  }
  return client;
}

async function stateOf(client: pg.ClientBase, stream: string): Promise<PgStreamState> {
  const { rows } = await client.query<{ ready: boolean }>(
    `SELECT to_regclass('saima_journal') IS NOT NULL AND to_regclass('saima_snapshots') IS NOT NULL AS ready`,
  );
  if (!rows[0]?.ready) return EMPTY;
  const journal = await client.query<{ n: string; last: string | null }>(
    'SELECT count(*) AS n, max(seq) AS last FROM saima_journal WHERE stream = $1',
    [stream],
  );
  const snapshots = await client.query<{ n: string }>(
    'SELECT count(*) AS n FROM saima_snapshots WHERE stream = $1',
    [stream],
  );
  const last = journal.rows[0]?.last ?? null;
  return {
    journalRows: Number(journal.rows[0]?.n ?? 0),
    lastSeq: last === null ? null : Number(last),
    snapshots: Number(snapshots.rows[0]?.n ?? 0),
  };
}

/** What the stream holds now; a database without saima's tables holds nothing. */
export async function pgStreamState(url: string, stream: string): Promise<PgStreamState> {
  const client = await connect(url);
  try {
    return await stateOf(client, stream);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function refuseNonEmpty(url: string, stream: string, state: PgStreamState): never {
  throw new MigrationRefusedError(
    zh.migrateTargetStreamNotEmpty(redactedUrl(url), stream, state.journalRows, state.snapshots),
  );
}

/** Refuses a stream that already holds anything: the move never mixes two ledgers. */
export async function requireEmptyStream(url: string, stream: string): Promise<void> {
  const state = await pgStreamState(url, stream);
  if (streamHasLedger(state)) refuseNonEmpty(url, stream, state);
}

async function insertRows(
  client: pg.ClientBase,
  stream: string,
  batch: AnyJournalRecord[],
  keys: Set<string>,
) {
  const texts = batch.map((r) => JSON.stringify(r));
  await client.query(
    `INSERT INTO saima_journal (stream, seq, message_key, record, checksum, actor, at)
     SELECT $1, s, k, r, c, a, t
       FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
         AS u(s, k, r, c, a, t)`,
    [
      stream,
      batch.map((r) => r.seq),
      batch.map((r) => {
        // a platform may send a message id again after the 7 days a ledger remembers it, and the
        // embedded journal then holds it twice; the column is unique, the record keeps its key
        if (!r.messageKey || keys.has(r.messageKey)) return null;
        keys.add(r.messageKey);
        return r.messageKey;
      }),
      texts,
      texts.map(checksumOf),
      batch.map((r) => r.actor),
      batch.map((r) => r.at),
    ],
  );
}

/**
 * Writes a whole ledger into an empty stream in one transaction: every journal record (the audit
 * trail, records from before v6 included, exactly as the engine would have written them) and the
 * document as the newest snapshot, so the engine starts from it and never replays the old records.
 * A failure anywhere rolls everything back: the stream is as empty as before. Returns the rows written.
 */
export async function writePgStream(
  url: string,
  stream: string,
  document: StoreDocument,
  records: AsyncIterable<AnyJournalRecord>,
): Promise<number> {
  const client = await connect(url);
  try {
    // the schema as a server start would create it; nothing of the district is written here
    await migratePg(client);
    await client.query('BEGIN');
    try {
      // two moves into one stream at once: the second waits, then finds the first's rows and stops
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [
        advisoryLockKey('migrate-store', stream),
      ]);
      const state = await stateOf(client, stream);
      if (streamHasLedger(state)) refuseNonEmpty(url, stream, state);
      const keys = new Set<string>();
      let batch: AnyJournalRecord[] = [];
      let rows = 0;
      for await (const record of records) {
        batch.push(record);
        if (batch.length < BATCH) continue;
        await insertRows(client, stream, batch, keys);
        rows += batch.length;
        batch = [];
      }
      if (batch.length > 0) await insertRows(client, stream, batch, keys);
      rows += batch.length;
      const snapshots = new PgSnapshots(stream, redactedUrl(url));
      await snapshots.insert(client, snapshots.capture(document));
      await client.query('COMMIT');
      return rows;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Takes back a move whose copy did not compare equal: deletes the stream's rows, but only while it
 * holds exactly what the move wrote (no instance has started on it and added its own). True when
 * the stream is empty again.
 */
export async function removePgStream(
  url: string,
  stream: string,
  seq: number,
  rows: number,
): Promise<boolean> {
  const client = await connect(url);
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [
        advisoryLockKey('migrate-store', stream),
      ]);
      const state = await stateOf(client, stream);
      if (state.journalRows !== rows || (state.lastSeq ?? 0) > seq) {
        await client.query('ROLLBACK');
        return false;
      }
      await client.query('DELETE FROM saima_journal WHERE stream = $1', [stream]);
      // a snapshot's records go with it (ON DELETE CASCADE)
      await client.query('DELETE FROM saima_snapshots WHERE stream = $1', [stream]);
      await client.query('COMMIT');
      return true;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
