import { defineConfig } from 'vitest/config';
import { BOTH_ENGINES } from './test/both-engines.ts';

const shared = {
  testTimeout: 20_000,
  hookTimeout: 20_000,
  // a busy 2-core machine can take longer than vitest's 1 s default to deliver a fake platform's frame
  expect: { poll: { timeout: 5_000 } },
};

export default defineConfig({
  test: {
    // once for the whole run, not per project; the PostgreSQL first: a throw-away cluster lives outside
    // the run's temporary directory
    globalSetup: ['test/global-postgres.ts', 'test/global-temp-dir.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'embedded',
          include: ['test/**/*.test.ts'],
          env: { SAIMA_TEST_STORE_ENGINE: 'embedded' },
        },
      },
      {
        // the store tests again, each on a PostgreSQL journal stream of its own (test/helpers/test-store.ts)
        test: {
          ...shared,
          name: 'postgres',
          include: [...BOTH_ENGINES],
          env: { SAIMA_TEST_STORE_ENGINE: 'postgres' },
          setupFiles: ['test/test-store-hooks.ts'],
        },
      },
    ],
  },
});
