/**
 * The test files that run twice: on the embedded store (vitest project `embedded`, with every other
 * test) and on PostgreSQL (project `postgres`, SAIMA_TEST_STORE_ENGINE=postgres). Each opens its
 * stores through test/helpers/test-store.ts and never asks which engine it has. Tests of one
 * engine's own files, locks, crashes and backups are not listed.
 */
export const BOTH_ENGINES: readonly string[] = [
  'test/storage/change-records.test.ts',
  'test/storage/frozen-reads.test.ts',
  'test/storage/indexes.test.ts',
  'test/storage/outbox-index.test.ts',
  'test/storage/project-search.test.ts',
  'test/storage/store-life-cycle.test.ts',
  'test/storage/store.test.ts',
  'test/storage/web-sessions.test.ts',
];
