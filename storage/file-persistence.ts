import { closeSync, copyFileSync, existsSync, readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { zh } from '../src/text/zh.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { DurableJsonFile, StoreUnreadableError } from './durable-json-file.ts';
import { type FsOps, nodeFs } from './fs-ops.ts';
import { encodeJournalLine } from './journal-line.ts';
import type { JournalRecord } from './journal-record.ts';
import { cutRefusedRecord, type RefusedMarker, replayJournal } from './journal-replay.ts';
import { migrate } from './migrations.ts';
import type { Persistence } from './persistence.ts';
import { asDataDirError, JournalWriteError, SavePausedError } from './save-errors.ts';
import { documentSchema, emptyDocument, type StoreDocument } from './schema.ts';

export interface FilePersistenceOptions {
  /** Snapshot after this many changes… */
  snapshotEvery?: number;
  /** …or this long after the last change, whichever comes first. */
  snapshotAfterMs?: number;
  log?: (line: string) => void;
  /** The file-system calls that decide what may be acknowledged; tests make them fail. */
  fs?: FsOps;
}

/**
 * The embedded default: a lowdb JSON snapshot (`saima.json`) plus an fsynced append-only journal
 * (`journal.jsonl`). A change is acknowledged once its journal line is on disk; the snapshot is
 * rewritten in the background, because rewriting the whole document on every change does not scale.
 */
export class FilePersistence implements Persistence {
  readonly dir: string;
  readonly snapshotPath: string;
  readonly journalPath: string;
  private readonly low: Low<StoreDocument | null>;
  private journalFd: number | null = null;
  private journalSize = 0;
  private releaseLock: (() => void) | null = null;
  private pending = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private latest: StoreDocument | null = null;
  private readonly every: number;
  private readonly afterMs: number;
  private readonly log: (line: string) => void;
  private readonly fs: FsOps;
  /** Set once a refused record could not be rolled back: every later change is refused. */
  private paused: SavePausedError | null = null;

  constructor(dir: string, options: FilePersistenceOptions = {}) {
    this.dir = resolve(dir);
    this.snapshotPath = join(this.dir, 'saima.json');
    this.journalPath = join(this.dir, 'journal.jsonl');
    this.low = new Low<StoreDocument | null>(
      new DurableJsonFile<StoreDocument | null>(this.snapshotPath),
      null,
    );
    this.every = options.snapshotEvery ?? 500;
    this.afterMs = options.snapshotAfterMs ?? 5_000;
    this.log = options.log ?? (() => {});
    this.fs = options.fs ?? nodeFs;
  }

  private get refusedPath(): string {
    return `${this.journalPath}.refused`;
  }

  describe(): string {
    return this.dir;
  }

  async load(): Promise<StoreDocument> {
    let created: string | undefined;
    try {
      created = this.fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw asDataDirError(this.dir, e);
    }
    let journalCreated = false;
    try {
      this.releaseLock = await lockDataDir(this.dir);
      journalCreated = !existsSync(this.journalPath);
      return await this.loadLocked();
    } catch (e) {
      this.releaseLock?.();
      this.releaseLock = null;
      if (this.journalFd !== null) closeSync(this.journalFd);
      this.journalFd = null;
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

  private async loadLocked(): Promise<StoreDocument> {
    await this.low.read();
    let doc: StoreDocument;
    let migrated = false;
    if (this.low.data === null) {
      doc = emptyDocument();
    } else {
      const raw = this.low.data as unknown as Record<string, unknown>;
      const result = migrate(raw);
      migrated = result.migrated;
      const parsed = documentSchema.safeParse(result.doc);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new StoreUnreadableError(
          this.snapshotPath,
          zh.notDocumentShape(issue?.path.join('.') ?? '', issue?.message ?? ''),
        );
      }
      doc = parsed.data;
      if (migrated) copyFileSync(this.snapshotPath, `${this.snapshotPath}.v${String(raw.schemaVersion)}.bak`);
    }
    this.journalFd = this.fs.openSync(this.journalPath, existsSync(this.journalPath) ? 'r+' : 'w+', 0o600);
    const journal = { fd: this.journalFd, path: this.journalPath, fs: this.fs, log: this.log };
    cutRefusedRecord(journal, this.refusedPath);
    replayJournal(journal, doc);
    this.journalSize = doc.journalBytes;
    if (migrated) await this.writeSnapshot(doc);
    return doc;
  }

  /**
   * Returns only once the record is durable. On a failed write or sync the journal is cut back to
   * its last good length before throwing, so a record answered "not saved" never comes back.
   */
  append(record: JournalRecord): void {
    if (this.paused) throw this.paused;
    if (this.journalFd === null) throw new Error('store is closed');
    const fd = this.journalFd;
    const line = encodeJournalLine(record);
    const start = this.journalSize;
    try {
      let written = 0;
      while (written < line.length) {
        written += this.fs.writeSync(fd, line, written, line.length - written, start + written);
      }
      this.fs.fdatasyncSync(fd);
    } catch (e) {
      this.rollBack(fd, start, { offset: start, length: line.length, seq: record.seq }, e);
      throw new JournalWriteError(e);
    }
    this.journalSize += line.length;
  }

  private rollBack(fd: number, start: number, refused: RefusedMarker, cause: unknown): void {
    try {
      this.fs.ftruncateSync(fd, start);
      this.fs.fdatasyncSync(fd);
      return;
    } catch (e) {
      const reason = zh.rollBackFailed((cause as Error).message, (e as Error).message);
      const marked = this.markRefused(refused);
      this.paused = new SavePausedError(this.journalPath, reason, !marked);
      this.log(this.paused.message);
      throw this.paused;
    }
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
    if (this.pending >= this.every) {
      void this.flush();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.afterMs);
    this.timer.unref();
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

  private async writeSnapshot(doc: StoreDocument): Promise<void> {
    this.pending = 0;
    doc.journalBytes = this.journalSize;
    this.low.data = doc;
    try {
      await this.low.write();
    } catch (e) {
      this.log(zh.snapshotFailed((e as Error).message));
    }
  }

  async close(doc: StoreDocument): Promise<void> {
    this.latest = doc;
    this.pending = Math.max(this.pending, 1);
    await this.flush();
    if (this.paused && this.journalFd !== null) {
      try {
        this.fs.ftruncateSync(this.journalFd, this.journalSize);
        this.fs.fdatasyncSync(this.journalFd);
      } catch {
        // the next start cuts it, by the marker left when saving was paused
      }
    }
    if (this.journalFd !== null) closeSync(this.journalFd);
    this.journalFd = null;
    this.releaseLock?.();
    this.releaseLock = null;
  }
}
