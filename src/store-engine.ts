import { FilePersistence, type FilePersistenceOptions } from '../storage/file-persistence.ts';
import { type Leadership, SoleLeadership } from '../storage/leadership.ts';
import type { Persistence } from '../storage/persistence.ts';
import { PgLeadership } from '../storage/pg/pg-leader.ts';
import { PgPersistence } from '../storage/pg/pg-persistence.ts';
import type { Logger } from './core/logger.ts';

/**
 * The one place that picks where the ledger lives: PostgreSQL when SAIMA_DATABASE_URL is set (one
 * database shared by any number of instances), else the embedded files in the data directory
 * (one process at a time, held by its lock).
 */
export function persistenceFor(
  config: { SAIMA_DATABASE_URL: string | null },
  dataDir: string,
  options: Pick<FilePersistenceOptions, 'log' | 'lockWaitMs'> & {
    /** The ledger's own journal stream on a database shared by several (src/tenancy/district-plan.ts). */
    stream?: string;
  } = {},
): Persistence {
  if (config.SAIMA_DATABASE_URL)
    return new PgPersistence({ url: config.SAIMA_DATABASE_URL, log: options.log, stream: options.stream });
  return new FilePersistence(dataDir, options);
}

/**
 * Who runs the scheduled pushes and the outbox: on PostgreSQL the instance holding the stream's
 * advisory lock, with the embedded files the one process there is.
 */
export function leadershipFor(
  config: { SAIMA_DATABASE_URL: string | null },
  logger: Logger,
  stream?: string,
): Leadership {
  if (config.SAIMA_DATABASE_URL) return new PgLeadership({ url: config.SAIMA_DATABASE_URL, logger, stream });
  return new SoleLeadership();
}
