import {
  closeSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { zh } from '../src/text/zh.ts';
import { backupDataDir } from './backup.ts';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';
import { ACTIVE_JOURNAL, ARCHIVE_DIR, archivedName, journalSources, syncPath } from './journal-files.ts';
import { encodeJournalLine } from './journal-line.ts';
import type { JournalRecord } from './journal-record.ts';
import { SCHEMA_VERSION, type StoreDocument } from './schema.ts';
import { SnapshotFile } from './snapshot-file.ts';
import { type AnyJournalRecord, MigrationRefusedError } from './store-migration.ts';

const SNAPSHOT = 'saima.json';
/** What opening a data directory leaves beside its data: the lock and the local sockets, not wanted in a new one. */
const RUN_FILES = ['saima.lock', 'saima.lock.sock', 'saima.sock', 'run'];

/** Whether a directory holds an embedded ledger: a snapshot or any journal file. */
export function holdsLedger(dir: string): boolean {
  if (!existsSync(dir)) return false;
  if (existsSync(join(dir, SNAPSHOT))) return true;
  return journalSources(dir).some((s) => existsSync(s.path));
}

/** A data directory held for the move: no server or `npm run chat` can write to it until `release`. */
export interface HeldDataDir {
  /** Copies it into `work` and checks the copy the way a server would open it (storage/backup.ts); returns the copy. */
  copy(work: string): Promise<string>;
  release(): void;
}

/**
 * Takes the data directory's lock for the whole move; the move then reads it the backup way. The
 * lock is what makes the move a move: a server still running on the directory would go on taking
 * reports the database never gets, so the move is refused until it stops, and none can start
 * meanwhile. The copy (not the directory) is what gets opened, so the source is left exactly as it
 * was, even when this version would upgrade or tidy it on opening.
 */
export async function holdDataDir(dir: string): Promise<HeldDataDir> {
  const from = resolve(dir);
  if (!existsSync(from) || !statSync(from).isDirectory())
    throw new MigrationRefusedError(zh.migrateSourceDirMissing(from));
  if (!holdsLedger(from)) throw new MigrationRefusedError(zh.migrateSourceDirEmpty(from));
  try {
    const release = await lockDataDir(from);
    return {
      release,
      async copy(work) {
        const copy = join(work, 'data');
        await backupDataDir(from, copy);
        return copy;
      },
    };
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new MigrationRefusedError(zh.migrateSourceInUse(e.message));
    throw e;
  }
}

/** Refuses a target directory that exists with anything in it: the move never mixes two ledgers. */
export function requireEmptyDataDir(dir: string): void {
  const to = resolve(dir);
  if (!existsSync(to)) return;
  if (!statSync(to).isDirectory()) throw new MigrationRefusedError(zh.migrateTargetNotDir(to));
  const entries = readdirSync(to);
  if (entries.length > 0) throw new MigrationRefusedError(zh.migrateTargetDirNotEmpty(to, entries));
}

/** Compresses the journal into one archive file; returns how many records it holds. */
async function writeArchive(dir: string, records: AsyncIterable<AnyJournalRecord>): Promise<number> {
  const archive = join(dir, ARCHIVE_DIR);
  mkdirSync(archive, { mode: 0o700 });
  const temp = join(archive, '.journal.tmp');
  let count = 0;
  let last = 0;
  // every line with a checksum, records written before v6 too: their content is unchanged, the sum guards it
  const lines = async function* () {
    for await (const record of records) {
      count++;
      last = record.seq;
      yield encodeJournalLine(record as JournalRecord);
    }
  };
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(temp, { mode: 0o600 }));
  if (count === 0) {
    rmSync(archive, { recursive: true });
    return 0;
  }
  await syncPath(temp);
  await rename(temp, join(archive, archivedName(1, last)));
  await syncPath(archive);
  return count;
}

/**
 * Writes a whole ledger as a new data directory: the document as the snapshot and every journal
 * record (the audit trail) in the compressed archive, as a directory looks after a snapshot has
 * been taken. It is built in a hidden directory beside the target, `check`ed there (opened by the
 * engine and compared), and only then renamed to the target in one step: a failure or a difference
 * leaves no target at all. Returns the journal records written.
 */
export async function writeDataDir(
  target: string,
  document: StoreDocument,
  records: AsyncIterable<AnyJournalRecord>,
  check: (dir: string) => Promise<void>,
): Promise<number> {
  const to = resolve(target);
  requireEmptyDataDir(to);
  mkdirSync(dirname(to), { recursive: true });
  const work = join(dirname(to), `.${basename(to)}.migrating-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { mode: 0o700 });
  try {
    const count = await writeArchive(work, records);
    closeSync(openSync(join(work, ACTIVE_JOURNAL), 'wx', 0o600));
    await new SnapshotFile(join(work, SNAPSHOT)).write({ ...document, schemaVersion: SCHEMA_VERSION });
    await check(work);
    for (const leftover of RUN_FILES) rmSync(join(work, leftover), { recursive: true, force: true });
    // an empty directory waiting at the target (made by hand) is replaced by the rename itself
    requireEmptyDataDir(to);
    try {
      renameSync(work, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // a mount point (a container's volume) cannot be replaced, nor renamed onto from another disk
      if (code === 'EBUSY' || code === 'EXDEV')
        throw new MigrationRefusedError(zh.migrateTargetMountPoint(to));
      throw e;
    }
    await syncPath(dirname(to));
    return count;
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
}
