import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the PostgreSQL first: a throw-away cluster lives outside the run's temporary directory
    globalSetup: ['test/global-postgres.ts', 'test/global-temp-dir.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // a busy 2-core machine can take longer than vitest's 1 s default to deliver a fake platform's frame
    expect: { poll: { timeout: 5_000 } },
  },
});
