import {
  closeSync,
  copyFileSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { lockDataDir } from './data-dir-lock.ts';
import { DurableJsonFile, StoreUnreadableError } from './durable-json-file.ts';
import type { JournalRecord } from './journal-record.ts';
import { migrate } from './migrations.ts';
import type { Persistence } from './persistence.ts';
import { applyPuts } from './puts.ts';
import { documentSchema, emptyDocument, type StoreDocument } from './schema.ts';

export interface FilePersistenceOptions {
  /** Snapshot after this many changes… */
  snapshotEvery?: number;
  /** …or this long after the last change, whichever comes first. */
  snapshotAfterMs?: number;
  log?: (line: string) => void;
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
  }

  describe(): string {
    return this.dir;
  }

  async load(): Promise<StoreDocument> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.releaseLock = lockDataDir(join(this.dir, 'saima.lock'));
    try {
      return await this.loadLocked();
    } catch (e) {
      this.releaseLock();
      this.releaseLock = null;
      throw e;
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
          `内容不符合数据格式：${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
        );
      }
      doc = parsed.data;
      if (migrated) copyFileSync(this.snapshotPath, `${this.snapshotPath}.v${String(raw.schemaVersion)}.bak`);
    }
    this.journalFd = openSync(this.journalPath, existsSync(this.journalPath) ? 'r+' : 'w+', 0o600);
    this.replayJournal(doc);
    if (migrated) await this.writeSnapshot(doc);
    return doc;
  }

  private replayJournal(doc: StoreDocument): void {
    const fd = this.journalFd as number;
    const size = fstatSync(fd).size;
    if (size < doc.journalBytes) {
      throw new StoreUnreadableError(
        this.journalPath,
        `日志比快照记录的短（${size} < ${doc.journalBytes} 字节）`,
      );
    }
    const length = size - doc.journalBytes;
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) read += readSync(fd, buffer, read, length - read, doc.journalBytes + read);
    let offset = 0;
    let replayed = 0;
    while (offset < length) {
      const newline = buffer.indexOf(0x0a, offset);
      if (newline < 0) {
        // A torn last line was never acknowledged (we ack after the newline is fsynced).
        this.log(`日志末尾有一条未写完的记录（${length - offset} 字节），它从未被确认，已截去。`);
        ftruncateSync(fd, doc.journalBytes + offset);
        fdatasyncSync(fd);
        break;
      }
      const line = buffer.subarray(offset, newline).toString('utf8');
      let record: JournalRecord;
      try {
        record = JSON.parse(line) as JournalRecord;
      } catch {
        throw new StoreUnreadableError(this.journalPath, `第 ${doc.journalBytes + offset} 字节处的记录损坏`);
      }
      if (record.seq !== doc.seq + 1) {
        throw new StoreUnreadableError(
          this.journalPath,
          `记录序号不连续（期望 ${doc.seq + 1}，实际 ${record.seq}）`,
        );
      }
      applyPuts(doc, record.puts);
      doc.seq = record.seq;
      offset = newline + 1;
      replayed++;
    }
    this.journalSize = doc.journalBytes + offset;
    doc.journalBytes = this.journalSize;
    if (replayed > 0) this.log(`从日志恢复了 ${replayed} 条变更。`);
  }

  append(record: JournalRecord): void {
    if (this.journalFd === null) throw new Error('store is closed');
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    let written = 0;
    while (written < line.length) {
      written += writeSync(this.journalFd, line, written, line.length - written, this.journalSize + written);
    }
    fdatasyncSync(this.journalFd);
    this.journalSize += line.length;
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
      this.log(`快照写入失败（日志仍完整，数据不会丢失）：${(e as Error).message}`);
    }
  }

  async close(doc: StoreDocument): Promise<void> {
    this.latest = doc;
    this.pending = Math.max(this.pending, 1);
    await this.flush();
    if (this.journalFd !== null) closeSync(this.journalFd);
    this.journalFd = null;
    this.releaseLock?.();
    this.releaseLock = null;
  }
}
