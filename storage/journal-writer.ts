import { closeSync } from 'node:fs';
import { basename } from 'node:path';
import { zh } from '../src/text/zh.ts';
import type { FsOps } from './fs-ops.ts';
import { syncPath } from './journal-files.ts';
import type { JournalRecord } from './journal-record.ts';
import type { RefusedMarker } from './journal-replay.ts';
import { JournalWriteError, SavePausedError } from './save-errors.ts';

/** One journal file being written: the active one, or one just rotated out whose tail is not yet synced. */
interface JournalFile {
  fd: number;
  path: string;
  /** Bytes written. */
  size: number;
  /** Bytes known to be on disk. */
  durable: number;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** What the ledger is told, synchronously, as the disk answers. */
export interface DurabilityListener {
  /** Every record up to `seq` is on disk. */
  durable(seq: number): void;
  /** Every record after `seq` was refused and cut off: take them back. */
  refused(seq: number): void;
  /**
   * A record another instance committed to the same shared journal (storage/pg): apply it as the
   * next change. Only called when every change of this instance is durable or taken back.
   */
  followed(record: JournalRecord): void;
}

/**
 * Group commit for the journal. A record is written (to the page cache) when its change is made,
 * and synced with every other record written meanwhile by one `fdatasync` that runs in libuv's
 * pool, never on the event loop. Nothing is acknowledged before the sync that covers it; when a
 * sync fails, every record it covered and every record written since is cut off and taken back.
 */
export class JournalWriter {
  private readonly files: JournalFile[] = [];
  private writtenSeq: number;
  private durableSeq: number;
  private syncing = false;
  private dirDirty = false;
  private readonly waiters: Waiter[] = [];
  private paused: SavePausedError | null = null;
  private listener: DurabilityListener = { durable() {}, refused() {}, followed() {} };

  constructor(
    private readonly dir: string,
    active: { fd: number; path: string; size: number },
    seq: number,
    private readonly fs: FsOps,
    private readonly log: (line: string) => void,
    private readonly markRefused: (marker: RefusedMarker & { file: string }) => boolean,
  ) {
    this.files.push({ ...active, durable: active.size });
    this.writtenSeq = seq;
    this.durableSeq = seq;
  }

  listen(listener: DurabilityListener): void {
    this.listener = listener;
  }

  get active(): Readonly<JournalFile> {
    return this.files[this.files.length - 1] as JournalFile;
  }

  get lastWritten(): number {
    return this.writtenSeq;
  }

  get pausedError(): SavePausedError | null {
    return this.paused;
  }

  /**
   * Writes one record's line; throws, with nothing kept, when the write fails. The record is not
   * yet durable: `sync` says when it is.
   */
  write(line: Buffer, seq: number): void {
    if (this.paused) throw this.paused;
    const file = this.active;
    const start = file.size;
    try {
      let written = 0;
      while (written < line.length) {
        written += this.fs.writeSync(file.fd, line, written, line.length - written, start + written);
      }
    } catch (e) {
      // only this record's bytes are cut: the ones before it are still on their way to the disk
      try {
        this.fs.ftruncateSync(file.fd, start);
        this.fs.fdatasyncSync(file.fd);
      } catch (cut) {
        this.pause(file, start, seq, e, cut);
      }
      throw new JournalWriteError(e);
    }
    (file as JournalFile).size += line.length;
    this.writtenSeq = seq;
    this.startSync();
  }

  /** Resolves once every record up to `seq` is on disk; rejects when it was refused. */
  sync(seq: number): Promise<void> {
    if (seq <= this.durableSeq) return Promise.resolve();
    // even while paused, the records written before the refused one are still synced and acknowledged
    return new Promise((resolve, reject) => {
      this.waiters.push({ seq, resolve, reject });
      this.startSync();
    });
  }

  /**
   * Starts a new active file after the records written so far (which stay in the old file until
   * their sync). The caller has already renamed the old file; `path` is where it now lives.
   */
  rotate(renamedTo: string, fresh: { fd: number; path: string }): void {
    const old = this.active as JournalFile;
    old.path = renamedTo;
    this.files.push({ ...fresh, size: 0, durable: 0 });
    this.dirDirty = true;
    // an old file with nothing left to sync is closed at once
    if (old.durable === old.size) this.retire(old);
  }

  private retire(file: JournalFile): void {
    if (file === this.active) return;
    this.files.splice(this.files.indexOf(file), 1);
    closeSync(file.fd);
  }

  private startSync(): void {
    if (this.syncing || this.writtenSeq <= this.durableSeq) return;
    this.syncing = true;
    void this.syncRound();
  }

  private async syncRound(): Promise<void> {
    const target = this.writtenSeq;
    const sizes = this.files.map((f) => ({ file: f, size: f.size }));
    const dir = this.dirDirty;
    this.dirDirty = false;
    try {
      for (const { file, size } of sizes) if (size > file.durable) await this.fs.fdatasync(file.fd);
      if (dir) await syncPath(this.dir);
    } catch (e) {
      this.syncing = false;
      this.refuse(e);
      return;
    }
    for (const { file, size } of sizes) {
      file.durable = size;
      if (file !== this.active && file.durable === file.size) this.retire(file);
    }
    this.durableSeq = target;
    this.listener.durable(target);
    const done = this.waiters.filter((w) => w.seq <= target);
    for (const w of done) this.waiters.splice(this.waiters.indexOf(w), 1);
    for (const w of done) w.resolve();
    this.syncing = false;
    this.startSync();
  }

  /** Cuts every file back to what is on disk and takes back everything after it. */
  private refuse(cause: unknown): void {
    let error: Error = new JournalWriteError(cause);
    for (const file of [...this.files].reverse()) {
      if (file.size === file.durable) continue;
      try {
        this.fs.ftruncateSync(file.fd, file.durable);
        this.fs.fdatasyncSync(file.fd);
        file.size = file.durable;
      } catch (cut) {
        error = this.pause(file, file.durable, this.durableSeq + 1, cause, cut);
      }
    }
    this.writtenSeq = this.durableSeq;
    this.listener.refused(this.durableSeq);
    const waiting = this.waiters.splice(0);
    for (const w of waiting) w.reject(error);
  }

  private pause(
    file: JournalFile,
    offset: number,
    seq: number,
    cause: unknown,
    cut: unknown,
  ): SavePausedError {
    const reason = zh.rollBackFailed((cause as Error).message, (cut as Error).message);
    const marked = this.markRefused({
      offset,
      length: Math.max(file.size - offset, 1),
      seq,
      // by name: a backup copies the marker, and must cut its own copy, never the original
      file: basename(file.path),
    });
    this.paused = new SavePausedError(file.path, reason, !marked);
    this.log(this.paused.message);
    return this.paused;
  }

  /** Waits for what is written, then closes every file; the last one's size is returned. */
  async close(): Promise<void> {
    try {
      await this.sync(this.writtenSeq);
    } catch {
      // refused records were cut and taken back; nothing more to wait for
    }
    for (const file of this.files.splice(0)) closeSync(file.fd);
  }
}
