import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { zh } from '../src/text/zh.ts';
import { FilePersistence } from './file-persistence.ts';
import { ARCHIVE_DIR, journalBytes, journalSources } from './journal-files.ts';
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

/**
 * One attempt at a consistent copy, taken without stopping the server. The journal files are copied
 * first and the snapshot last: a snapshot is only published once every change it holds is on disk,
 * and replaced whole by rename, so whichever version is copied, the journal copies hold every change
 * after it that existed when they were taken (older records are skipped when the copy is opened).
 * The active file only grows between rotations; rotated and archived files never change.
 * Returns false when the active file got shorter meanwhile (a write that failed was rolled back).
 */
function copyOnce(dataDir: string, into: string): boolean {
  const rotated = journalSources(dataDir).filter((s) => s.kind === 'rotated');
  const journalPath = join(dataDir, JOURNAL);
  if (existsSync(journalPath)) {
    const fd = openSync(journalPath, 'r');
    try {
      const length = fstatSync(fd).size;
      copyPrefix(fd, join(into, JOURNAL), length);
      if (fstatSync(fd).size < length) return false;
    } finally {
      closeSync(fd);
    }
  }
  for (const source of rotated) {
    try {
      copyFileSync(source.path, join(into, basename(source.path)));
    } catch (e) {
      // archived and removed since the list was taken: the archive copied below holds it
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  const archive = join(dataDir, ARCHIVE_DIR);
  if (existsSync(archive)) {
    cpSync(archive, join(into, ARCHIVE_DIR), { recursive: true, filter: (f) => !f.endsWith('.tmp') });
  }
  const snapshotPath = join(dataDir, SNAPSHOT);
  if (existsSync(snapshotPath)) copyFileSync(snapshotPath, join(into, SNAPSHOT));
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
  return { seq, snapshotBytes: bytes(SNAPSHOT), journalBytes: await journalBytes(dir), notes };
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

/** One ledger's copy in a deployment's backup: `part` is its directory under the data directory. */
export interface PartBackup extends BackupResult {
  part: string;
}

/**
 * A many-district deployment's ledgers (`districts/<code>/`, `city/` under one data directory) into
 * one new `target`, each where it is under the data directory, so the backup is laid out as the
 * data directory is and restoring is again pointing `SAIMA_DATA_DIR` at a copy of it. Each is copied
 * and opened as `backupDataDir` does; `target` appears only once every one has, never half a
 * deployment. A ledger whose directory does not exist yet (a district the server has not started
 * on) holds nothing to lose: it is left out and named in `missing`.
 */
export async function backupDataDirs(
  dataDir: string,
  parts: ReadonlyArray<string>,
  target: string,
): Promise<{ dir: string; copied: PartBackup[]; missing: string[] }> {
  const from = resolve(dataDir);
  const to = resolve(target);
  const inside = relative(from, to);
  if (to === from || (!inside.startsWith('..') && !inside.startsWith('/'))) {
    throw new BackupError(zh.backupInsideDataDir);
  }
  if (existsSync(to) && (!statSync(to).isDirectory() || readdirSync(to).length > 0)) {
    throw new BackupError(zh.backupTargetNotEmpty(to));
  }
  const present = parts.filter((part) => existsSync(join(from, part)));
  if (present.length === 0) throw new BackupError(zh.backupNoLedgers(from));
  mkdirSync(dirname(to), { recursive: true });
  const work = join(dirname(to), `.${basename(to)}.partial-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { mode: 0o700 });
  try {
    const copied: PartBackup[] = [];
    for (const part of present) {
      copied.push({ part, ...(await backupDataDir(join(from, part), join(work, part))) });
    }
    if (existsSync(to)) rmSync(to, { recursive: true });
    renameSync(work, to);
    fsyncPath(dirname(to));
    return {
      dir: to,
      copied: copied.map((c) => ({ ...c, dir: join(to, c.part) })),
      missing: parts.filter((part) => !present.includes(part)),
    };
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
}
