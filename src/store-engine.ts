import { FilePersistence, type FilePersistenceOptions } from '../storage/file-persistence.ts';
import type { Persistence } from '../storage/persistence.ts';
import { PgPersistence } from '../storage/pg/pg-persistence.ts';

/**
 * The one place that picks where the ledger lives: PostgreSQL when SAIMA_DATABASE_URL is set (one
 * database shared by any number of instances), else the embedded files in the data directory
 * (one process at a time, held by its lock).
 */
export function persistenceFor(
  config: { SAIMA_DATABASE_URL: string | null },
  dataDir: string,
  options: Pick<FilePersistenceOptions, 'log' | 'lockWaitMs'> = {},
): Persistence {
  if (config.SAIMA_DATABASE_URL)
    return new PgPersistence({ url: config.SAIMA_DATABASE_URL, log: options.log });
  return new FilePersistence(dataDir, options);
}
