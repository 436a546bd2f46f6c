import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FilePersistence } from '../storage/file-persistence.ts';
import { PgPersistence, redactedUrl } from '../storage/pg/pg-persistence.ts';
import type { CollectionName } from '../storage/schema.ts';
import {
  MigrationRefusedError,
  type OpenLedger,
  openLedger,
  wholeJournal,
} from '../storage/store-migration.ts';
import {
  collectionCounts,
  DIFFERENCES_SHOWN,
  documentDifferences,
  journalDifferences,
} from '../storage/store-migration-compare.ts';
import { holdDataDir, requireEmptyDataDir, writeDataDir } from '../storage/store-migration-files.ts';
import {
  pgStreamState,
  removePgStream,
  requireEmptyStream,
  streamHasLedger,
  writePgStream,
} from '../storage/store-migration-pg.ts';
import { everyIndicator, readingDifferences } from './race/every-indicator.ts';
import { zh } from './text/zh.ts';
import type { LocalDate } from './time/clock.ts';

export type StoreKind = 'postgres' | 'files';

export interface MigrateStoreOptions {
  /** Where the ledger goes; it comes from the other one. */
  to: StoreKind;
  /** SAIMA_DATA_DIR: the embedded ledger's directory. */
  dataDir: string;
  /** SAIMA_DATABASE_URL. */
  databaseUrl: string | null;
  /** The district's journal stream in the database. */
  stream: string;
  /** The day whose 赛马 periods are compared. */
  today: LocalDate;
  /** Told what the move is doing, a line at a time. */
  progress?: (line: string) => void;
}

export interface MigrateStoreReport {
  from: string;
  to: string;
  seq: number;
  /** Journal records moved and compared; `legacy` of them written before v6. */
  records: number;
  legacy: number;
  counts: Record<CollectionName, number>;
  /** The names of the indicator readings compared, all equal. */
  indicators: string[];
  ms: number;
}

/** The copy did not compare equal to the source; `advice` says what became of the target and what to do. */
export class MigrationMismatchError extends Error {
  override name = 'MigrationMismatchError';
  constructor(
    readonly differences: string[],
    readonly advice: string,
  ) {
    super(`${zh.migrateMismatch}\n${differences.map((d) => `  - ${d}`).join('\n')}\n${advice}`);
  }
}

interface Comparison {
  differences: string[];
  records: number;
  legacy: number;
  indicators: string[];
}

/**
 * The target as its engine opened it against the source: the seq, every record of every
 * collection, every journal record, and every indicator the race reads off them.
 */
async function compareLedgers(
  from: OpenLedger,
  to: OpenLedger,
  seq: number,
  today: LocalDate,
): Promise<Comparison> {
  const differences = documentDifferences(from.document, to.document);
  const journal = await journalDifferences(from.persistence.records(), to.persistence.records(), seq);
  differences.push(...journal.differences);
  const readings = everyIndicator(from.store, today);
  differences.push(
    ...readingDifferences(readings, everyIndicator(to.store, today), DIFFERENCES_SHOWN - differences.length),
  );
  return {
    differences: differences.slice(0, DIFFERENCES_SHOWN),
    records: journal.records,
    legacy: journal.legacy,
    indicators: readings.map((r) => r.name),
  };
}

function needsUrl(url: string | null): string {
  if (!url) throw new MigrationRefusedError(zh.migrateNeedsDatabaseUrl);
  return url;
}

/** The data directory into the database: the directory is held (and left as it was) throughout. */
async function toPostgres(options: MigrateStoreOptions, started: number): Promise<MigrateStoreReport> {
  const url = needsUrl(options.databaseUrl);
  const { stream } = options;
  const dataDir = resolve(options.dataDir);
  const progress = options.progress ?? (() => {});
  const target = zh.migrateDatabaseName(redactedUrl(url), stream);
  const held = await holdDataDir(dataDir);
  const work = mkdtempSync(join(tmpdir(), 'saima-migrate-'));
  try {
    await requireEmptyStream(url, stream);
    progress(zh.migrateReadingDataDir(dataDir));
    const from = await openLedger(new FilePersistence(await held.copy(work)));
    try {
      const seq = from.document.seq;
      progress(zh.migrateWriting(target));
      const rows = await writePgStream(
        url,
        stream,
        from.document,
        wholeJournal(from.persistence.records(), seq, dataDir),
      );
      progress(zh.migrateComparing);
      let result: Comparison;
      try {
        const to = await openLedger(new PgPersistence({ url, stream }));
        try {
          result = await compareLedgers(from, to, seq, options.today);
        } finally {
          await to.store.close();
        }
      } catch (e) {
        result = {
          differences: [zh.migrateTargetUnopened((e as Error).message)],
          records: 0,
          legacy: 0,
          indicators: [],
        };
      }
      if (result.differences.length > 0) {
        // a copy not shown equal must not stay where a server would start on it
        const undone = await removePgStream(url, stream, seq, rows).catch(() => false);
        throw new MigrationMismatchError(
          result.differences,
          undone ? zh.migrateUndonePostgres(dataDir, stream) : zh.migrateNotUndonePostgres(stream),
        );
      }
      return {
        from: dataDir,
        to: target,
        seq,
        records: result.records,
        legacy: result.legacy,
        counts: collectionCounts(from.document),
        indicators: result.indicators,
        ms: Date.now() - started,
      };
    } finally {
      await from.store.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    held.release();
  }
}

/** The database's stream into a new data directory, which appears only once it compared equal. */
async function toFiles(options: MigrateStoreOptions, started: number): Promise<MigrateStoreReport> {
  const url = needsUrl(options.databaseUrl);
  const { stream } = options;
  const dataDir = resolve(options.dataDir);
  const progress = options.progress ?? (() => {});
  const source = zh.migrateDatabaseName(redactedUrl(url), stream);
  requireEmptyDataDir(dataDir);
  if (!streamHasLedger(await pgStreamState(url, stream)))
    throw new MigrationRefusedError(zh.migrateSourceStreamEmpty(source));
  progress(zh.migrateReadingDatabase(source));
  const from = await openLedger(new PgPersistence({ url, stream }));
  try {
    const seq = from.document.seq;
    // an instance still running on the stream took changes the directory does not have; the source
    // ledger follows them, so they would show as differences (or upset the copy): the cause is said instead
    const refuseIfMoved = async () => {
      const last = Math.max(
        from.document.seq,
        (await pgStreamState(url, stream).catch(() => null))?.lastSeq ?? 0,
      );
      if (last > seq) throw new Error(zh.migrateSourceMoved(seq, last));
    };
    let result: Comparison | null = null;
    progress(zh.migrateWriting(dataDir));
    try {
      await writeDataDir(
        dataDir,
        from.document,
        wholeJournal(from.persistence.records(), seq, source),
        async (written) => {
          progress(zh.migrateComparing);
          const to = await openLedger(new FilePersistence(written));
          try {
            result = await compareLedgers(from, to, seq, options.today);
          } finally {
            await to.store.close();
          }
          await refuseIfMoved();
          if (result.differences.length > 0)
            throw new MigrationMismatchError(result.differences, zh.migrateUndoneFiles(dataDir));
        },
      );
    } catch (e) {
      await refuseIfMoved();
      throw e;
    }
    const compared = result as unknown as Comparison;
    return {
      from: source,
      to: dataDir,
      seq,
      records: compared.records,
      legacy: compared.legacy,
      counts: collectionCounts(from.document),
      indicators: compared.indicators,
      ms: Date.now() - started,
    };
  } finally {
    await from.store.close();
  }
}

/**
 * Moves one district's ledger between the embedded files and PostgreSQL, either way: the target
 * must be empty, is written whole or not at all, and is then opened by its own engine and compared
 * with the source — the seq, every record, every journal record and every indicator. The source is
 * never changed.
 */
export function migrateStore(options: MigrateStoreOptions): Promise<MigrateStoreReport> {
  const started = Date.now();
  return options.to === 'postgres' ? toPostgres(options, started) : toFiles(options, started);
}
