import { chooseTestPostgres } from './helpers/choose-postgres.ts';
import { TEST_POSTGRES_URL_VARIABLE } from './helpers/postgres.ts';

/**
 * Every test run gets one PostgreSQL, handed to the test workers through SAIMA_TEST_POSTGRES_URL: the one
 * that variable already names, else the server on 127.0.0.1:5432, else a throw-away cluster started here
 * and deleted when the run ends. Tests make their own databases in it (test/helpers/postgres.ts).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const previous = process.env[TEST_POSTGRES_URL_VARIABLE];
  const postgres = await chooseTestPostgres({ given: previous });
  if (postgres.origin === 'throw-away') {
    console.log(
      `PostgreSQL for the tests: a throw-away cluster at ${postgres.url} ` +
        `(127.0.0.1:5432 was not usable: ${postgres.localRefusal})`,
    );
  }
  process.env[TEST_POSTGRES_URL_VARIABLE] = postgres.url;
  return async () => {
    if (previous === undefined) delete process.env[TEST_POSTGRES_URL_VARIABLE];
    else process.env[TEST_POSTGRES_URL_VARIABLE] = previous;
    await postgres.stop();
  };
}
