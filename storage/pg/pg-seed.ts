import pg from 'pg';
import type { StoreDocument } from '../schema.ts';
import { migratePg } from './pg-migrations.ts';
import { DEFAULT_STREAM, redactedUrl } from './pg-persistence.ts';
import { PgSnapshots } from './pg-snapshots.ts';

export class PgStreamInUseError extends Error {
  constructor(readonly stream: string) {
    super(
      `journal stream ${stream} already holds changes or snapshots; a document is only written to an unused one`,
    );
    this.name = 'PgStreamInUseError';
  }
}

/**
 * Starts an unused journal stream from `doc`: the document becomes the stream's first snapshot,
 * written as a running store writes its snapshots, so a store opened on the stream starts from it
 * and its journal goes on from `doc.seq + 1`. Refuses a stream that holds anything already, so a
 * ledger is never replaced.
 */
export async function seedPgStream(url: string, doc: StoreDocument, stream = DEFAULT_STREAM): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migratePg(client);
    await client.query('BEGIN');
    try {
      const { rows } = await client.query<{ used: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM saima_journal WHERE stream = $1)
             OR EXISTS (SELECT 1 FROM saima_snapshots WHERE stream = $1) AS used`,
        [stream],
      );
      if (rows[0]?.used) throw new PgStreamInUseError(stream);
      const snapshots = new PgSnapshots(stream, `${redactedUrl(url)} (${stream})`);
      if (!(await snapshots.insert(client, snapshots.capture(doc)))) throw new PgStreamInUseError(stream);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    await client.end();
  }
}
