import { zh } from '../src/text/zh.ts';

/** The journal refused a record and is back at its last good length: nothing of it was kept. */
export class JournalWriteError extends Error {
  constructor(cause: unknown) {
    super(`journal write failed, record rolled back: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
    this.name = 'JournalWriteError';
  }
}

/**
 * The store stopped taking changes because a failed record could not be rolled back. `uncertain`:
 * the record may still come back after a restart, so the person must not be told it was not saved.
 */
export class SavePausedError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly uncertain: boolean,
  ) {
    super(zh.journalWritePaused(path, reason));
    this.name = 'SavePausedError';
  }
}

/** The data directory cannot be created, locked or written; says which setting to fix, never "locked". */
export class DataDirUnusableError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(zh.dataDirUnusable(path, zh.dataDirReasons[code] ?? code, code));
    this.name = 'DataDirUnusableError';
  }
}

/** Turns a file-system refusal about the data directory into a message that names the setting. */
export function asDataDirError(dir: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code && code in zh.dataDirReasons ? new DataDirUnusableError(dir, code) : e;
}

/** A data file that cannot be read or trusted: the start stops and leaves it as it is. */
export class StoreUnreadableError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(zh.storeUnreadable(path, reason));
    this.name = 'StoreUnreadableError';
  }
}

/**
 * The change was not committed and has been taken back, and the ledger is now as the database
 * holds it: another instance committed the same seq (or handled the same platform message) first,
 * or the commit never reached the database and reading it afterwards showed so. The caller runs
 * its message again.
 */
export class StoreConflictError extends Error {
  constructor(readonly seq: number) {
    super(`change ${seq} lost to another instance's; taken back, run it again`);
    this.name = 'StoreConflictError';
  }
}
