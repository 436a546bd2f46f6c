import type pg from 'pg';
import { migrate } from '../migrations.ts';
import { StoreUnreadableError } from '../save-errors.ts';
import { COLLECTIONS, SCHEMA_VERSION, type StoreDocument } from '../schema.ts';
import { checkedInPlace, parsedWhole } from '../snapshot-check.ts';
import type { RawSnapshot } from '../snapshot-file.ts';
import { checksumOf } from './pg-hashes.ts';

/** Records per INSERT while writing, and per page while reading. */
const BATCH = 1_000;

export interface Captured {
  seq: number;
  /** `position`: where the record stands in its collection, as the ledger lists it. */
  records: Array<{ c: string; id: string; position: number; value: object }>;
}

/**
 * A stream's snapshots: a header row (`saima_snapshots`) and a row per record
 * (`saima_snapshot_records`), so no single value grows with the district and a start reads them a
 * page at a time. Writing captures the records in one synchronous step (references only: the
 * ledger replaces a record, never changes it), then serialises and inserts them a batch at a time,
 * so the bot never stops for a snapshot. A record's text is kept with it, so an unchanged record is
 * not serialised again by the next snapshot.
 */
export class PgSnapshots {
  private readonly texts = new WeakMap<object, { text: string; sum: string }>();

  constructor(
    private readonly stream: string,
    private readonly where: string,
  ) {}

  /** The newest snapshot as a checked document, or null when the stream has none. */
  async read(client: pg.ClientBase): Promise<StoreDocument | null> {
    const { rows } = await client.query<{ seq: string; schema_version: number; records: number }>(
      'SELECT seq, schema_version, records FROM saima_snapshots WHERE stream = $1 ORDER BY seq DESC LIMIT 1',
      [this.stream],
    );
    const head = rows[0];
    if (!head) return null;
    const where = `${this.where} snapshot ${head.seq}`;
    const raw: RawSnapshot = { schemaVersion: head.schema_version, seq: Number(head.seq) };
    let count = 0;
    let after = { c: '', position: -1, id: '' };
    for (;;) {
      // in each collection's own order: a record added to an object goes last
      const page = await client.query<{
        collection: string;
        position: number;
        id: string;
        record: string;
        checksum: string;
      }>(
        `SELECT collection, position, id, record, checksum FROM saima_snapshot_records
          WHERE stream = $1 AND seq = $2 AND (collection, position, id) > ($3, $4, $5)
          ORDER BY collection, position, id LIMIT $6`,
        [this.stream, head.seq, after.c, after.position, after.id, BATCH],
      );
      for (const row of page.rows) {
        if (checksumOf(row.record) !== row.checksum)
          throw new StoreUnreadableError(where, `checksum mismatch at ${row.collection}/${row.id}`);
        if (!raw[row.collection]) raw[row.collection] = {};
        const collection = raw[row.collection] as Record<string, unknown>;
        try {
          collection[row.id] = JSON.parse(row.record);
        } catch (e) {
          throw new StoreUnreadableError(where, `${row.collection}/${row.id}: ${(e as Error).message}`);
        }
        count++;
      }
      if (page.rows.length < BATCH) break;
      const last = page.rows[page.rows.length - 1] as { collection: string; position: number; id: string };
      after = { c: last.collection, position: last.position, id: last.id };
    }
    if (count !== head.records)
      throw new StoreUnreadableError(where, `${count} records where ${head.records} were written`);
    if (head.schema_version === SCHEMA_VERSION) return checkedInPlace(where, raw);
    return parsedWhole(where, migrate(raw).doc);
  }

  /** What a snapshot of `doc` holds, taken now: call it only when every change in `doc` is committed. */
  capture(doc: StoreDocument): Captured {
    const records: Captured['records'] = [];
    for (const c of COLLECTIONS) {
      const collection = doc[c] as Record<string, object>;
      let position = 0;
      for (const id in collection)
        records.push({ c, id, position: position++, value: collection[id] as object });
    }
    return { seq: doc.seq, records };
  }

  /** Writes a captured snapshot in one transaction, then deletes all but the newest `keep`. */
  async write(pool: pg.Pool, captured: Captured, keep: number): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // another instance may have written this seq's snapshot already: the same document
      if (await this.insert(client, captured))
        await client.query(
          `DELETE FROM saima_snapshots WHERE stream = $1 AND seq < (
             SELECT min(seq) FROM (SELECT seq FROM saima_snapshots WHERE stream = $1 ORDER BY seq DESC LIMIT $2) AS kept)`,
          [this.stream, keep],
        );
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /**
   * Inserts a captured snapshot inside the caller's transaction; false (nothing written) when the
   * stream already has a snapshot at that seq.
   */
  async insert(client: pg.ClientBase, captured: Captured): Promise<boolean> {
    const inserted = await client.query(
      `INSERT INTO saima_snapshots (stream, seq, schema_version, records) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [this.stream, captured.seq, SCHEMA_VERSION, captured.records.length],
    );
    if (inserted.rowCount === 0) return false;
    for (let at = 0; at < captured.records.length; at += BATCH) {
      const batch = captured.records.slice(at, at + BATCH);
      const texts = batch.map((r) => this.textOf(r.value));
      await client.query(
        `INSERT INTO saima_snapshot_records (stream, seq, collection, id, position, record, checksum)
           SELECT $1, $2, c, i, p, r, s
             FROM unnest($3::text[], $4::text[], $5::integer[], $6::text[], $7::text[]) AS u(c, i, p, r, s)`,
        [
          this.stream,
          captured.seq,
          batch.map((r) => r.c),
          batch.map((r) => r.id),
          batch.map((r) => r.position),
          texts.map((t) => t.text),
          texts.map((t) => t.sum),
        ],
      );
    }
    return true;
  }

  private textOf(value: object): { text: string; sum: string } {
    let known = this.texts.get(value);
    if (!known) {
      const text = JSON.stringify(value);
      known = { text, sum: checksumOf(text) };
      this.texts.set(value, known);
    }
    return known;
  }
}
