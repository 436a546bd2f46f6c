import pg from 'pg';
import type { JournalRecord } from '../journal-record.ts';
import type { DurabilityListener } from '../journal-writer.ts';
import { applyOps } from '../ops.ts';
import type { Persistence } from '../persistence.ts';
import { SavePausedError, StoreConflictError, StoreUnreadableError } from '../save-errors.ts';
import { emptyDocument, type StoreDocument } from '../schema.ts';
import { checksumOf } from './pg-hashes.ts';
import { JournalTurn, journalLockKey } from './pg-journal-turn.ts';
import { migratePg } from './pg-migrations.ts';
import { releasePool, sharePool } from './pg-pools.ts';
import { PgSnapshots } from './pg-snapshots.ts';

export interface PgPersistenceOptions {
  /** postgres://… (SAIMA_DATABASE_URL). */
  url: string;
  /** The journal stream this store reads and writes: one district's. */
  stream?: string;
  /** Snapshot after this many changes… */
  snapshotEvery?: number;
  /** …or this long after the last change. */
  snapshotAfterMs?: number;
  /** How often to look for other instances' changes should a notification be missed. */
  pollMs?: number;
  /** Snapshots kept per stream; older ones are deleted once a newer one is written. */
  keepSnapshots?: number;
  log?: (line: string) => void;
}

/** The stream a store uses when none is named: the one district of a deployment that serves one. */
export const DEFAULT_STREAM = 'district';

/** Where other instances are told a stream has new changes (payload: the stream). */
const CHANNEL = 'saima_journal';
/** Records per INSERT and per page read at start-up. */
const BATCH = 500;
const PAGE = 5_000;
const UNIQUE_VIOLATION = '23505';
/** How soon a lost notification session is opened again. */
const RELISTEN_MS = 1_000;

interface Queued {
  record: JournalRecord;
  text: string;
  checksum: string;
  /** Which change this is: a seq taken back is reused by the next change. */
  token: number;
}

interface Waiter {
  seq: number;
  /** The change waited for, when it is not committed yet. */
  token: number | null;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** The URL as it may be logged: never the password. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/**
 * The ledger on PostgreSQL: the journal is a table (one row a change, the platform message key
 * unique), snapshots another. Several instances may share one stream: each appends with the next
 * seq it knows; when another got there first the insert fails on the key, this instance's change
 * is taken back, the other's applied, and the caller (the bot) runs its message again. An instance
 * that lost a race appends its next batch during a turn (pg-journal-turn.ts), so under steady load
 * from both sides a change is not taken back over and over. Changes of others arrive by
 * LISTEN/NOTIFY, with a slow poll should a notification be lost.
 */
export class PgPersistence implements Persistence {
  private readonly pool: pg.Pool;
  private readonly snapshots: PgSnapshots;
  private readonly stream: string;
  private readonly lockKey: string;
  private readonly every: number;
  private readonly afterMs: number;
  private readonly pollMs: number;
  private readonly keepSnapshots: number;
  private readonly log: (line: string) => void;
  private listener: DurabilityListener = { durable() {}, refused() {}, followed() {} };
  private queue: Queued[] = [];
  private waiters: Waiter[] = [];
  private tokens = 0;
  /** Changes of this instance not committed yet, by seq. */
  private readonly uncommitted = new Map<number, number>();
  /** Changes taken back since waiters were last settled, and why. */
  private readonly lost = new Map<number, unknown>();
  /** The last seq known to be committed in the database. */
  private committedSeq = 0;
  /** The ledger's seq: the last appended or followed. */
  private memorySeq = 0;
  private pumping: Promise<void> | null = null;
  /** Held while this instance appends what it runs again after losing a race. */
  private turn: JournalTurn | null = null;
  /** Changes of this instance were taken back outside a turn: its next batch waits for one. */
  private lostRace = false;
  private catchUpWanted = false;
  /** Callers of `refresh` waiting for the next catch-up to finish. */
  private readonly refreshed: Array<() => void> = [];
  private closed = false;
  private closing: Promise<void> | null = null;
  private listenClient: pg.Client | null = null;
  private relistening: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private sinceSnapshot = 0;
  private snapshotting: Promise<void> | null = null;
  private latest: StoreDocument | null = null;

  constructor(private readonly options: PgPersistenceOptions) {
    this.stream = options.stream ?? DEFAULT_STREAM;
    this.lockKey = journalLockKey(this.stream);
    this.every = options.snapshotEvery ?? 500;
    this.afterMs = options.snapshotAfterMs ?? 5_000;
    this.pollMs = options.pollMs ?? 5_000;
    this.keepSnapshots = Math.max(1, options.keepSnapshots ?? 2);
    this.log = options.log ?? (() => {});
    // every ledger of this process on the same database draws on one pool
    this.pool = sharePool(options.url, this.log);
    this.snapshots = new PgSnapshots(this.stream, this.describe());
  }

  describe(): string {
    return `${redactedUrl(this.options.url)} (${this.stream})`;
  }

  attach(listener: DurabilityListener): void {
    this.listener = listener;
  }

  async load(): Promise<StoreDocument> {
    const client = await this.pool.connect();
    let doc: StoreDocument;
    try {
      await migratePg(client);
      doc = (await this.snapshots.read(client)) ?? emptyDocument();
      await this.replay(client, doc);
    } finally {
      client.release();
    }
    this.committedSeq = doc.seq;
    this.memorySeq = doc.seq;
    await this.listen();
    this.poller = setInterval(() => this.requestCatchUp(), this.pollMs);
    this.poller.unref();
    return doc;
  }

  /** Applies every journal row after the snapshot, a page at a time, checking sums and order. */
  private async replay(client: pg.PoolClient, doc: StoreDocument): Promise<void> {
    for (;;) {
      const rows = await this.rowsAfter(client, doc.seq, PAGE);
      for (const { record } of rows) {
        applyOps(doc, record.ops);
        doc.seq = record.seq;
      }
      if (rows.length < PAGE) return;
    }
  }

  /** Journal rows after `seq`, checked: each sum matches, and seqs follow one another from `seq + 1`. */
  private async rowsAfter(
    client: pg.ClientBase | pg.Pool,
    seq: number,
    limit: number,
  ): Promise<Array<{ record: JournalRecord; checksum: string }>> {
    const { rows } = await client.query<{ seq: string; record: string; checksum: string }>(
      'SELECT seq, record, checksum FROM saima_journal WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [this.stream, seq, limit],
    );
    let expected = seq + 1;
    return rows.map((row) => {
      const where = `${this.describe()} journal ${row.seq}`;
      if (Number(row.seq) !== expected) throw new StoreUnreadableError(where, `expected change ${expected}`);
      if (checksumOf(row.record) !== row.checksum) throw new StoreUnreadableError(where, 'checksum mismatch');
      const record = JSON.parse(row.record) as JournalRecord;
      if (record.seq !== expected) throw new StoreUnreadableError(where, `record says ${record.seq}`);
      expected++;
      return { record, checksum: row.checksum };
    });
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url });
    let listening = false;
    const lost = (why: string) => {
      if (!listening || this.closed) return;
      listening = false;
      this.listenClient = null;
      client.end().catch(() => undefined);
      this.log(
        `PostgreSQL notifications lost: ${why}; polling every ${this.pollMs} ms until listening again`,
      );
      this.listenAgain();
    };
    client.on('error', (e) => lost(e.message));
    client.on('end', () => lost('the connection ended'));
    client.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload === this.stream) this.requestCatchUp();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (e) {
      client.end().catch(() => undefined);
      throw e;
    }
    if (this.closed) {
      // closed while this was connecting: nothing is to be kept open
      client.end().catch(() => undefined);
      return;
    }
    listening = true;
    this.listenClient = client;
  }

  /** Tries to listen again every second until it does, then reads what was committed meanwhile. */
  private listenAgain(): void {
    if (this.closed || this.relistening) return;
    this.relistening = setTimeout(() => {
      this.relistening = null;
      if (this.closed) return;
      this.listen().then(
        () => {
          this.log('PostgreSQL notifications: listening again');
          this.requestCatchUp();
        },
        () => this.listenAgain(),
      );
    }, RELISTEN_MS);
    this.relistening.unref();
  }

  append(record: JournalRecord): void {
    if (this.closed) throw new Error('store is closed');
    const text = JSON.stringify(record);
    const token = ++this.tokens;
    this.queue.push({ record, text, checksum: checksumOf(text), token });
    this.uncommitted.set(record.seq, token);
    this.memorySeq = record.seq;
    this.kick();
  }

  sync(seq: number): Promise<void> {
    const token = this.uncommitted.get(seq) ?? null;
    if (token === null && seq <= this.committedSeq) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return new Promise((resolve, reject) => this.waiters.push({ seq, token, resolve, reject }));
  }

  changed(doc: StoreDocument): void {
    this.latest = doc;
    this.sinceSnapshot++;
    if (this.sinceSnapshot >= this.every) {
      void this.snapshot();
      return;
    }
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => void this.snapshot(), this.afterMs);
    this.snapshotTimer.unref();
  }

  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.refreshed.push(resolve);
      this.requestCatchUp();
    });
  }

  private requestCatchUp(): void {
    if (this.closed) return;
    this.catchUpWanted = true;
    this.kick();
  }

  /** One loop does every database write and catch-up, so they never overlap. */
  private kick(): void {
    if (this.pumping) return;
    // a microtask later: the changes made in this tick share one commit
    this.pumping = Promise.resolve()
      .then(() => this.pump())
      .finally(() => {
        this.pumping = null;
        if (this.queue.length > 0 || (this.catchUpWanted && !this.closed)) this.kick();
      });
  }

  private async pump(): Promise<void> {
    for (;;) {
      if (this.queue.length > 0 && this.lostRace && !this.turn) {
        await this.takeTurn();
        await this.catchUpLogged();
      }
      if (this.turn) {
        // the callers told their change was taken back run it again in the microtasks that follow:
        // one turn of the event loop later all of them are queued
        await new Promise((resolve) => setImmediate(resolve));
        if (this.queue.length === 0) {
          await this.endTurn();
          continue;
        }
      }
      if (this.queue.length > 0) {
        const batch = this.queue.slice(0, BATCH);
        const turn = this.turn;
        this.turn = null;
        try {
          await this.insert(batch, turn?.client ?? this.pool);
        } catch (e) {
          await turn?.end();
          await this.notCommitted(batch, e);
          continue;
        }
        this.queue.splice(0, batch.length);
        this.committed(batch);
        await turn?.end();
        continue;
      }
      if (this.catchUpWanted) {
        this.catchUpWanted = false;
        const waiting = this.refreshed.splice(0);
        await this.catchUpLogged();
        for (const done of waiting) done();
        continue;
      }
      return;
    }
  }

  private async catchUpLogged(): Promise<void> {
    try {
      await this.catchUp();
    } catch (e) {
      this.log(`could not read other instances' changes: ${(e as Error).message}`);
    }
  }

  /** Waits until no other instance appends; without the database's answer, appends without a turn. */
  private async takeTurn(): Promise<void> {
    this.lostRace = false;
    try {
      this.turn = await JournalTurn.take(this.pool, this.lockKey);
    } catch (e) {
      this.log(`could not take a turn at the journal, appending without one: ${(e as Error).message}`);
    }
  }

  private async endTurn(): Promise<void> {
    const turn = this.turn;
    this.turn = null;
    await turn?.end();
  }

  private async insert(batch: Queued[], client: pg.Pool | pg.PoolClient): Promise<void> {
    const seqs = batch.map((q) => q.record.seq);
    // one statement: it waits for any other instance's turn before it writes a row, its rows commit
    // together, and the notification goes out only if they do
    await client.query(
      `WITH turn AS (SELECT pg_advisory_xact_lock($9::bigint)),
       written AS (
         INSERT INTO saima_journal (stream, seq, message_key, record, checksum, actor, at)
         SELECT $1, s, k, r, c, a, t
           FROM turn, unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
             AS u(s, k, r, c, a, t)
         RETURNING seq
       )
       SELECT pg_notify($8, $1) FROM (SELECT count(*) FROM written) AS n`,
      [
        this.stream,
        seqs,
        batch.map((q) => q.record.messageKey),
        batch.map((q) => q.text),
        batch.map((q) => q.checksum),
        batch.map((q) => q.record.actor),
        batch.map((q) => q.record.at),
        CHANNEL,
        this.lockKey,
      ],
    );
  }

  private committed(batch: Queued[]): void {
    for (const q of batch) this.uncommitted.delete(q.record.seq);
    this.committedSeq = Math.max(this.committedSeq, (batch[batch.length - 1] as Queued).record.seq);
    this.listener.durable(this.committedSeq);
    this.settle();
  }

  /** Takes back every change of this instance after `seq` (they are queued, none is committed). */
  private takeBack(seq: number, error: unknown): Map<number, number> {
    const taken = new Map<number, number>();
    for (const q of this.queue) taken.set(q.record.seq, q.token);
    this.queue = [];
    for (const [s, token] of this.uncommitted) {
      if (s <= seq) continue;
      this.lost.set(token, error);
      this.uncommitted.delete(s);
      // what is run again during a turn is appended before anyone else can: it cannot lose again
      if (!this.turn) this.lostRace = true;
    }
    this.listener.refused(seq);
    this.memorySeq = seq;
    return taken;
  }

  /** Resolves the waiters whose change is committed; rejects those whose change was taken back. */
  private settle(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) {
      if (w.token !== null && this.lost.has(w.token)) w.reject(this.lost.get(w.token));
      else if (w.seq <= this.committedSeq && (w.token === null || !this.uncommitted.has(w.seq))) w.resolve();
      else this.waiters.push(w);
    }
    this.lost.clear();
  }

  /**
   * The batch from `from` on did not commit as sent. Its changes (and any made since) are taken
   * back; then the journal is read: rows another instance wrote are applied, and where the rows
   * are this instance's own (the commit went through but its answer was lost) they stand. What is
   * neither is refused: the caller may run it again on the ledger as it now is.
   */
  private async notCommitted(batch: Queued[], e: unknown): Promise<void> {
    const from = (batch[0] as Queued).record.seq;
    const conflict = (e as { code?: string }).code === UNIQUE_VIOLATION;
    if (!conflict) this.log(`commit of change ${from} failed: ${(e as Error).message}`);
    const sums = new Map(this.queue.map((q) => [q.token, q.checksum]));
    const taken = this.takeBack(from - 1, new StoreConflictError(from));
    // lost to another instance: nobody appends from before the journal is read until what this
    // instance runs again on it is in
    if (conflict) await this.takeTurn();
    // a refused statement wrote nothing: only a commit whose answer was lost may have written ours
    const ours = conflict
      ? new Map()
      : new Map([...taken].map(([seq, token]) => [seq, { token, checksum: sums.get(token) }]));
    try {
      await this.catchUp(ours);
    } catch (readError) {
      this.log(`could not read the journal after a failed commit: ${(readError as Error).message}`);
      // the commit may have gone through: the person must not be told it did not
      if (!conflict)
        for (const token of taken.values())
          if (this.lost.has(token))
            this.lost.set(token, new SavePausedError(this.describe(), (e as Error).message, true));
    }
    this.settle();
  }

  /**
   * Applies the rows after the last committed seq. Local changes not yet committed are taken back
   * first: their seqs belong to the rows committed meanwhile. A leading run of rows that are `ours`
   * (same checksum) are changes of this instance that committed after all: they stand.
   */
  private async catchUp(
    ours = new Map<number, { token: number; checksum: string | undefined }>(),
  ): Promise<void> {
    let stillOurs = true;
    for (;;) {
      const rows = await this.rowsAfter(this.pool, this.committedSeq, PAGE);
      if (rows.length === 0) break;
      const first = (rows[0] as { record: JournalRecord }).record.seq;
      if (this.memorySeq >= first) this.takeBack(first - 1, new StoreConflictError(first));
      for (const { record, checksum } of rows) {
        const mine = ours.get(record.seq);
        stillOurs = stillOurs && mine?.checksum === checksum;
        if (stillOurs && mine) this.lost.delete(mine.token);
        this.listener.followed(record);
        this.memorySeq = record.seq;
        this.committedSeq = record.seq;
      }
      this.listener.durable(this.committedSeq);
      if (rows.length < PAGE) break;
    }
    this.settle();
  }

  /** Writes a snapshot when every change in the document is committed; keeps the newest few. */
  private async snapshot(): Promise<void> {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
    if (this.snapshotting || !this.latest || this.sinceSnapshot === 0) return;
    const doc = this.latest;
    if (doc.seq > this.committedSeq) {
      // taken while changes are in flight, it could hold one that is then refused: try again soon
      this.snapshotTimer = setTimeout(() => void this.snapshot(), 100);
      this.snapshotTimer.unref();
      return;
    }
    const captured = this.snapshots.capture(doc);
    this.sinceSnapshot = 0;
    this.snapshotting = this.snapshots
      .write(this.pool, captured, this.keepSnapshots)
      .catch((e: unknown) => {
        this.sinceSnapshot = Math.max(this.sinceSnapshot, 1);
        this.log(`snapshot ${captured.seq} not written: ${(e as Error).message}`);
      })
      .finally(() => {
        this.snapshotting = null;
      });
    await this.snapshotting;
  }

  /**
   * Every journal record of the stream, oldest first: the audit trail. It ends with this instance's
   * changes not committed yet, as the file engine's journal holds a change from the moment the ledger
   * shows it: a reader of the journal (the project history, the 变更记录) is never behind the ledger.
   */
  async *records(): AsyncGenerator<JournalRecord> {
    const known = this.committedSeq;
    // a stream started from a document alone (as a test seeds one) has no journal rows before it
    const { rows: first } = await this.pool.query<{ seq: string | null }>(
      'SELECT min(seq) AS seq FROM saima_journal WHERE stream = $1',
      [this.stream],
    );
    let after = first[0]?.seq == null ? known : Number(first[0].seq) - 1;
    for (;;) {
      const rows = await this.rowsAfter(this.pool, after, PAGE);
      if (rows.length === 0) {
        // in the same tick as the empty page: a change committed since it was read is still queued here
        if (this.committedSeq > after) continue;
        const uncommitted = this.queue.filter((q) => q.record.seq > after).map((q) => q.record);
        for (const record of uncommitted) yield record;
        return;
      }
      for (const { record } of rows) yield record;
      after = (rows[rows.length - 1] as { record: JournalRecord }).record.seq;
    }
  }

  /** Closes once: told to close again (or twice at once), it waits for the first close, as the file store does. */
  close(doc: StoreDocument): Promise<void> {
    this.closing ??= this.closeOnce(doc);
    return this.closing;
  }

  private async closeOnce(doc: StoreDocument): Promise<void> {
    this.latest = doc;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    while (this.pumping) await this.pumping;
    this.closed = true;
    if (this.sinceSnapshot > 0) {
      while (this.snapshotting) await this.snapshotting;
      await this.snapshot();
    }
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    while (this.snapshotting) await this.snapshotting;
    for (const w of this.waiters) w.reject(new Error('store is closed'));
    this.waiters = [];
    for (const done of this.refreshed.splice(0)) done();
    if (this.relistening) clearTimeout(this.relistening);
    this.relistening = null;
    await this.listenClient?.end().catch(() => undefined);
    this.listenClient = null;
    await releasePool(this.options.url, this.log);
  }
}
