import {
  closeSync,
  copyFileSync,
  existsSync,
  readFileSync,
  renameSync,
  rmdirSync,
  unlinkSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { zh } from '../src/text/zh.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { type FsOps, nodeFs } from './fs-ops.ts';
import { journalRecords } from './journal-audit.ts';
import { ACTIVE_JOURNAL, archiveRotated, journalSources, rotatedName } from './journal-files.ts';
import { encodeJournalLine } from './journal-line.ts';
import type { JournalRecord, LegacyJournalRecord } from './journal-record.ts';
import { cutRefusedRecord, type RefusedMarker, replayJournal } from './journal-replay.ts';
import { type DurabilityListener, JournalWriter } from './journal-writer.ts';
import { migrate, upgradeChanges } from './migrations.ts';
import type { Persistence } from './persistence.ts';
import { asDataDirError } from './save-errors.ts';
import { emptyDocument, SCHEMA_VERSION, type StoreDocument } from './schema.ts';
import { checkedInPlace, parsedWhole } from './snapshot-check.ts';
import { type RawSnapshot, SnapshotFile } from './snapshot-file.ts';

export interface FilePersistenceOptions {
  /** Snapshot after this many changes… */
  snapshotEvery?: number;
  /** …or this long after the last change, whichever comes first. */
  snapshotAfterMs?: number;
  log?: (line: string) => void;
  /** The file-system calls that decide what may be acknowledged; tests make them fail. */
  fs?: FsOps;
  /** How long to wait for another process holding the data directory (a second `npm run chat`). */
  lockWaitMs?: number;
  /**
   * A snapshot rotates the journal only once it holds this many bytes: a console writing one
   * change at a time should not leave an archive file per change. Records the snapshot already
   * holds are skipped when a start reads the file.
   */
  rotateAtBytes?: number;
}

/**
 * A snapshot rewrites every record's bytes (though it serialises only the changed ones): below this
 * size that is cheap enough to do whenever asked; above it, only once the journal since the last
 * snapshot has grown to a quarter of it, so snapshot I/O stays within a few times the journal's.
 */
const SMALL_SNAPSHOT_BYTES = 4 << 20;

/**
 * The embedded default: a snapshot (`saima.json`, written through lowdb's adapter contract) plus an
 * append-only journal. A change is acknowledged once the group commit that covers its journal line
 * is on disk; snapshots are written in the background without stopping the bot, and each one
 * rotates the journal, so a start reads only what followed the last snapshot. Rotated files are
 * compressed into `journal-archive/`, still readable for the audit trail.
 */
export class FilePersistence implements Persistence {
  readonly dir: string;
  readonly snapshotPath: string;
  readonly journalPath: string;
  private readonly snapshotFile: SnapshotFile;
  private readonly low: Low<RawSnapshot | null>;
  private writer: JournalWriter | null = null;
  private listener: DurabilityListener = { durable() {}, refused() {}, followed() {} };
  private releaseLock: (() => void) | null = null;
  private pending = 0;
  private journalSince = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private latest: StoreDocument | null = null;
  /** The first seq in the active journal file. */
  private activeFrom = 1;
  private readonly every: number;
  private readonly afterMs: number;
  private readonly log: (line: string) => void;
  private readonly fs: FsOps;
  private readonly lockWaitMs: number;
  private readonly rotateAtBytes: number;
  /** The next snapshot rotates whatever the journal's size (a journal written before v6 is archived whole). */
  private rotateNext = false;

  constructor(dir: string, options: FilePersistenceOptions = {}) {
    this.dir = resolve(dir);
    this.snapshotPath = join(this.dir, 'saima.json');
    this.journalPath = join(this.dir, ACTIVE_JOURNAL);
    this.snapshotFile = new SnapshotFile(this.snapshotPath);
    this.low = new Low<RawSnapshot | null>(this.snapshotFile, null);
    this.every = options.snapshotEvery ?? 500;
    this.afterMs = options.snapshotAfterMs ?? 5_000;
    this.log = options.log ?? (() => {});
    this.fs = options.fs ?? nodeFs;
    this.lockWaitMs = options.lockWaitMs ?? 0;
    this.rotateAtBytes = options.rotateAtBytes ?? 1 << 20;
  }

  private get refusedPath(): string {
    return `${this.journalPath}.refused`;
  }

  describe(): string {
    return this.dir;
  }

  records(): AsyncGenerator<JournalRecord | LegacyJournalRecord> {
    return journalRecords(this.dir);
  }

  attach(listener: DurabilityListener): void {
    this.listener = {
      durable: (seq) => listener.durable(seq),
      refused: (seq) => {
        // taking the records back changes the document without an append to say so
        this.snapshotFile.forgetOrder();
        listener.refused(seq);
      },
      // one process owns a data dir: no other writes into its journal
      followed: (record) => listener.followed(record),
    };
    this.writer?.listen(this.listener);
  }

  async load(): Promise<StoreDocument> {
    let created: string | undefined;
    try {
      created = this.fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw asDataDirError(this.dir, e);
    }
    let journalCreated = false;
    let fd: number | null = null;
    try {
      this.releaseLock = await lockDataDir(this.dir, { waitMs: this.lockWaitMs });
      journalCreated = !existsSync(this.journalPath);
      fd = this.fs.openSync(this.journalPath, journalCreated ? 'w+' : 'r+', 0o600);
      return await this.loadLocked(fd);
    } catch (e) {
      this.releaseLock?.();
      this.releaseLock = null;
      if (this.writer) await this.writer.close();
      else if (fd !== null) closeSync(fd);
      this.writer = null;
      this.undoCreation(created, journalCreated);
      throw asDataDirError(this.dir, e);
    }
  }

  /** A start that fails leaves nothing behind: only what this start created, and only if still empty. */
  private undoCreation(created: string | undefined, journalCreated: boolean): void {
    try {
      if (journalCreated && existsSync(this.journalPath) && readFileSync(this.journalPath).length === 0)
        unlinkSync(this.journalPath);
      if (!created) return;
      for (let d = this.dir; d.startsWith(created); d = dirname(d)) rmdirSync(d);
    } catch {
      // not empty after all, or already gone: leave it
    }
  }

  private async loadLocked(fd: number): Promise<StoreDocument> {
    await this.low.read();
    const raw = this.low.data;
    let doc: StoreDocument;
    let migrated = false;
    let legacyOffset = 0;
    if (raw === null) {
      doc = emptyDocument();
    } else if (raw.schemaVersion === SCHEMA_VERSION) {
      doc = checkedInPlace(this.snapshotPath, raw);
    } else {
      const result = migrate(raw);
      migrated = result.migrated;
      // before v6 the snapshot said how far into the one journal file it reached
      if (typeof raw.journalBytes === 'number') legacyOffset = raw.journalBytes;
      doc = parsedWhole(this.snapshotPath, result.doc);
      if (migrated) copyFileSync(this.snapshotPath, `${this.snapshotPath}.v${String(raw.schemaVersion)}.bak`);
    }
    const journal = { fd, path: this.journalPath, fs: this.fs, log: this.log };
    cutRefusedRecord(journal, this.refusedPath);
    // every line this version writes carries a checksum; only a journal from before v6 may lack them
    const written = raw !== null && raw.schemaVersion === SCHEMA_VERSION;
    const replay = await replayJournal(journal, this.dir, doc, legacyOffset, written);
    this.activeFrom = replay.activeFrom;
    this.writer = new JournalWriter(
      this.dir,
      { fd, path: this.journalPath, size: replay.activeSize },
      doc.seq,
      this.fs,
      this.log,
      (marker) => this.markRefused(marker),
    );
    this.writer.listen(this.listener);
    if (replay.legacy) upgradeChanges(doc);
    // a journal written before v6 holds whole records: a snapshot now, and the old file is archived
    // …and a snapshot in one piece is rewritten a record per line, so later ones reuse each record's text
    if (migrated || replay.legacy || this.snapshotFile.wholeDocument) {
      this.pending = 1;
      this.rotateNext = replay.legacy;
      await this.writeSnapshot(doc);
    } else {
      this.archiving = this.archiveCovered(doc.seq);
    }
    this.snapshotFile.follow(doc as unknown as RawSnapshot);
    return doc;
  }

  append(record: JournalRecord): void {
    if (!this.writer) throw new Error('store is closed');
    const line = encodeJournalLine(record);
    this.writer.write(line, record.seq);
    // the ledger applies the record once this returns: a snapshot being written keeps what it replaces
    for (const op of record.ops) this.snapshotFile.beforeChange(op.c, op.id, op.del === true);
    this.journalSince += line.length;
  }

  sync(seq: number): Promise<void> {
    if (!this.writer) return Promise.reject(new Error('store is closed'));
    return this.writer.sync(seq);
  }

  /** Notes durably which bytes the next start must cut; false if even that could not be written. */
  private markRefused(refused: RefusedMarker): boolean {
    try {
      const fd = this.fs.openSync(this.refusedPath, 'w', 0o600);
      try {
        const bytes = Buffer.from(`${JSON.stringify(refused)}\n`);
        this.fs.writeSync(fd, bytes, 0, bytes.length, 0);
        this.fs.fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return true;
    } catch (e) {
      this.log(zh.refusedNotMarked(refused.offset, refused.length, refused.seq, (e as Error).message));
      return false;
    }
  }

  changed(doc: StoreDocument): void {
    this.latest = doc;
    this.pending++;
    if (this.pending >= this.every && this.worthASnapshot()) {
      void this.flush();
      return;
    }
    // one timer, moved on by every change (a fired one starts again): cheaper than a new one each time
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => {
      if (this.worthASnapshot()) void this.flush();
    }, this.afterMs);
    this.timer.unref();
  }

  private worthASnapshot(): boolean {
    const last = this.snapshotFile.bytes;
    return last < SMALL_SNAPSHOT_BYTES || this.journalSince * 4 >= last;
  }

  /** Writes a snapshot now if anything changed since the last one. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing) await this.writing;
    if (!this.latest || this.pending === 0) return;
    this.writing = this.writeSnapshot(this.latest).finally(() => {
      this.writing = null;
    });
    await this.writing;
  }

  /**
   * The snapshot's text is fixed in one synchronous step that also rotates the journal, so the
   * rotated file ends exactly where the snapshot begins; the file replaces the old snapshot only
   * once every change it holds is on disk (a change refused meanwhile must not come back in it).
   */
  private archiving: Promise<void> = Promise.resolve();

  private async writeSnapshot(doc: StoreDocument): Promise<void> {
    const seq = doc.seq;
    const since = this.journalSince;
    this.snapshotFile.hooks = {
      captured: () => {
        this.pending = 0;
        this.journalSince = 0;
        this.rotate(seq);
      },
      beforePublish: () => this.sync(seq),
    };
    this.low.data = doc as unknown as RawSnapshot;
    try {
      await this.low.write();
    } catch (e) {
      this.journalSince += since;
      this.pending = Math.max(this.pending, 1);
      this.log(zh.snapshotFailed((e as Error).message));
      return;
    }
    await this.archiving;
    this.archiving = this.archiveCovered(seq);
    await this.archiving;
  }

  private rotate(seq: number): void {
    const writer = this.writer;
    // while saving is paused the active file holds the refused bytes the next start must cut: leave it
    if (!writer || writer.active.size === 0 || writer.pausedError) return;
    if (writer.active.size < this.rotateAtBytes && !this.rotateNext) return;
    this.rotateNext = false;
    const renamedTo = join(this.dir, rotatedName(this.activeFrom));
    renameSync(this.journalPath, renamedTo);
    let fd: number;
    try {
      fd = this.fs.openSync(this.journalPath, 'wx', 0o600);
    } catch (e) {
      // the writer still appends to the file it holds: it keeps its name, and the next snapshot tries again
      renameSync(renamedTo, this.journalPath);
      throw e;
    }
    writer.rotate(renamedTo, { fd, path: this.journalPath });
    this.activeFrom = seq + 1;
  }

  /** Compresses every rotated file the durable snapshot at `seq` covers; a failure is only logged. */
  private async archiveCovered(seq: number): Promise<void> {
    for (const source of journalSources(this.dir)) {
      if (source.kind !== 'rotated' || source.from > seq) continue;
      try {
        await archiveRotated(this.dir, source, seq);
      } catch (e) {
        this.log(zh.journalArchiveFailed(source.path, (e as Error).message));
      }
    }
  }

  async close(doc: StoreDocument): Promise<void> {
    this.latest = doc;
    // a read-only session (npm run chat) leaves the snapshot alone; a large one is not rewritten for a few changes
    if (this.pending > 0 && this.worthASnapshot()) await this.flush();
    else {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      while (this.writing) await this.writing;
    }
    await this.archiving;
    if (this.writer) await this.writer.close();
    this.writer = null;
    this.releaseLock?.();
    this.releaseLock = null;
  }
}
