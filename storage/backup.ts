import {
  closeSync,
  cpSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { zh } from '../src/text/zh.ts';
import { FilePersistence } from './file-persistence.ts';
import { Store } from './store.ts';

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface BackupResult {
  dir: string;
  /** The last change in the copy. */
  seq: number;
  snapshotBytes: number;
  journalBytes: number;
  /** What opening the copy had to say (a record cut mid-write while we copied it). */
  notes: string[];
}

const SNAPSHOT = 'saima.json';
const JOURNAL = 'journal.jsonl';
const CHUNK = 1 << 20;

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Copies the first `length` bytes of an open file; the journal only grows, so they cannot change under us. */
function copyPrefix(fromFd: number, to: string, length: number): void {
  const out = openSync(to, 'wx', 0o600);
  try {
    const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(length, 1)));
    let done = 0;
    while (done < length) {
      const n = readSync(fromFd, buffer, 0, Math.min(buffer.length, length - done), done);
      if (n === 0) throw new BackupError(zh.backupShrankWhileCopying(JOURNAL));
      writeSync(out, buffer, 0, n);
      done += n;
    }
    fsyncSync(out);
  } finally {
    closeSync(out);
  }
}

function journalBytesOf(snapshot: Buffer | null): number {
  if (!snapshot) return 0;
  try {
    const value = (JSON.parse(snapshot.toString('utf8')) as { journalBytes?: unknown }).journalBytes;
    return typeof value === 'number' && value >= 0 ? value : 0;
  } catch {
    throw new BackupError(zh.backupSnapshotNotJson(SNAPSHOT));
  }
}

/**
 * One attempt at a consistent copy, taken without stopping the server. The snapshot is only ever
 * replaced whole by rename, so reading it gives one version; it says how many journal bytes it
 * already contains (`journalBytes`), and the journal is append-only, so copying the snapshot first
 * and then the journal up to its current length gives a snapshot plus every change after it.
 * Returns false when the journal got shorter meanwhile (a write that failed was rolled back).
 */
function copyOnce(dataDir: string, into: string): boolean {
  const snapshotPath = join(dataDir, SNAPSHOT);
  const snapshot = existsSync(snapshotPath) ? readFileSync(snapshotPath) : null;
  const needed = journalBytesOf(snapshot);
  const journalPath = join(dataDir, JOURNAL);
  if (!existsSync(journalPath)) {
    if (needed > 0) throw new BackupError(zh.backupJournalMissing(needed, JOURNAL));
  } else {
    const fd = openSync(journalPath, 'r');
    try {
      const length = fstatSync(fd).size;
      if (length < needed) return false;
      copyPrefix(fd, join(into, JOURNAL), length);
      if (fstatSync(fd).size < length) return false;
    } finally {
      closeSync(fd);
    }
  }
  if (snapshot) {
    const out = openSync(join(into, SNAPSHOT), 'wx', 0o600);
    try {
      writeSync(out, snapshot);
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
  }
  // a record the server refused but could not cut is named here; opening the copy cuts it too
  const refused = join(dataDir, `${JOURNAL}.refused`);
  if (existsSync(refused)) cpSync(refused, join(into, `${JOURNAL}.refused`));
  const pictures = join(dataDir, 'pictures');
  if (existsSync(pictures)) cpSync(pictures, join(into, 'pictures'), { recursive: true });
  return true;
}

/** Opens the copy exactly as the server would at start-up, then leaves it as a clean data directory. */
async function verify(dir: string): Promise<Omit<BackupResult, 'dir'>> {
  const notes: string[] = [];
  const store = await Store.open(new FilePersistence(dir, { log: (line) => notes.push(line) }));
  const seq = store.seq;
  await store.close();
  for (const leftover of ['saima.lock', 'saima.lock.sock', 'saima.sock', 'run'])
    rmSync(join(dir, leftover), { force: true, recursive: true });
  const bytes = (name: string) => (existsSync(join(dir, name)) ? statSync(join(dir, name)).size : 0);
  return { seq, snapshotBytes: bytes(SNAPSHOT), journalBytes: bytes(JOURNAL), notes };
}

/**
 * Copies a data directory, whether or not a server is running on it, into `target` (which must not
 * exist or be empty), then opens the copy the way the server would, so a backup that could not be
 * restored is never reported as done. The copy is a complete data directory: restoring is pointing
 * `SAIMA_DATA_DIR` at a copy of it.
 */
export async function backupDataDir(dataDir: string, target: string): Promise<BackupResult> {
  const from = resolve(dataDir);
  const to = resolve(target);
  if (!existsSync(join(from, SNAPSHOT)) && !existsSync(join(from, JOURNAL))) {
    throw new BackupError(zh.backupNotDataDir(from, SNAPSHOT, JOURNAL));
  }
  const inside = relative(from, to);
  if (to === from || (!inside.startsWith('..') && !inside.startsWith('/'))) {
    throw new BackupError(zh.backupInsideDataDir);
  }
  if (existsSync(to) && (!statSync(to).isDirectory() || readdirSync(to).length > 0)) {
    throw new BackupError(zh.backupTargetNotEmpty(to));
  }
  mkdirSync(dirname(to), { recursive: true });
  const work = join(dirname(to), `.${basename(to)}.partial-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  try {
    let result: Omit<BackupResult, 'dir'> | null = null;
    let failure: unknown = null;
    // a copy that raced a rolled-back write either shows a shorter journal or fails to open: copy again
    for (let attempt = 0; attempt < 3 && !result; attempt++) {
      rmSync(work, { recursive: true, force: true });
      mkdirSync(work, { mode: 0o700 });
      try {
        if (copyOnce(from, work)) result = await verify(work);
        else failure = new BackupError(zh.backupShrankTryLater(JOURNAL));
      } catch (e) {
        failure = e;
      }
    }
    if (!result) throw failure;
    if (existsSync(to)) rmSync(to, { recursive: true });
    renameSync(work, to);
    fsyncPath(dirname(to));
    return { dir: to, ...result };
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
}
