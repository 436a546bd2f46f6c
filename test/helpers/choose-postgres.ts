import { connectionError } from './postgres.ts';
import { startThrowawayPostgres } from './throwaway-postgres.ts';

/** The PostgreSQL a developer machine or a CI runner usually has: Debian's cluster, trust auth for postgres. */
export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestPostgres {
  /** Superuser URL the tests create their databases through. */
  url: string;
  /** given: SAIMA_TEST_POSTGRES_URL; local: the server on 127.0.0.1:5432; throw-away: started for this run. */
  origin: 'given' | 'local' | 'throw-away';
  /** Why the local server was not used, when a throw-away one was started instead. */
  localRefusal?: string;
  /** Stops and deletes a throw-away cluster; nothing for a server the run did not start. */
  stop(): Promise<void>;
}

const nothingToStop = async () => {};

/**
 * Picks the PostgreSQL for a test run: the URL given, else the local server if it accepts a connection
 * within 2 s, else a throw-away cluster from Debian's binaries. A local server that answers but refuses
 * the connection (say, it wants a password) counts as unusable, not as a reason to fail.
 */
export async function chooseTestPostgres(
  options: { given?: string | undefined; local?: string; binariesRoot?: string } = {},
): Promise<TestPostgres> {
  if (options.given) return { url: options.given, origin: 'given', stop: nothingToStop };
  const local = options.local ?? LOCAL_POSTGRES_URL;
  const refusal = await connectionError(local, 2_000);
  if (!refusal) return { url: local, origin: 'local', stop: nothingToStop };
  const cluster = await startThrowawayPostgres(
    options.binariesRoot === undefined ? {} : { binariesRoot: options.binariesRoot },
  );
  return { url: cluster.url, origin: 'throw-away', localRefusal: refusal.message, stop: cluster.stop };
}
