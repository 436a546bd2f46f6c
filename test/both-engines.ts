/**
 * The test files that run twice: on the embedded store (vitest project `embedded`, with every other
 * test) and on PostgreSQL (project `postgres`, SAIMA_TEST_STORE_ENGINE=postgres). Each opens its
 * stores through test/helpers/test-store.ts (or test/helpers/conversation.ts, which does) and never
 * asks which engine it has. Tests of one engine's own files, locks, crashes and backups are not
 * listed, and a file's test of the data directory alone is marked itEmbeddedOnly.
 */
export const BOTH_ENGINES: readonly string[] = [
  // the store through its verbs: the ledger, its indexes, the journal, undo, sessions, the outbox
  'test/storage/change-records.test.ts',
  'test/storage/frozen-reads.test.ts',
  'test/storage/indexes.test.ts',
  'test/storage/outbox-index.test.ts',
  'test/storage/project-search.test.ts',
  'test/storage/store-life-cycle.test.ts',
  'test/storage/store.test.ts',
  'test/storage/test-store.test.ts',
  'test/storage/web-sessions.test.ts',
  // several districts of one deployment, each on a stream of its own, behind one router
  'test/tenancy/district-router.test.ts',
  'test/tenancy/every-command-isolation.test.ts',
  // the commands that write and read it through the bot
  'test/commands/admin.test.ts',
  'test/commands/delivery-status.test.ts',
  'test/commands/life-cycle.test.ts',
  'test/commands/permissions.test.ts',
  'test/commands/project-lookup.test.ts',
  'test/commands/push-commands.test.ts',
  'test/commands/race-queries.test.ts',
  'test/commands/reminders.test.ts',
  'test/commands/reporting.test.ts',
  'test/commands/undo-and-duplicates.test.ts',
  'test/conversation/attacks.test.ts',
  'test/platforms/answer-once.test.ts',
  'test/readme-examples.test.ts',
  'test/race/indicators.test.ts',
  'test/race/ranking-and-lights.test.ts',
  'test/race/settings.test.ts',
  'test/domain/money-everywhere.test.ts',
  'test/domain/visibility.test.ts',
  'test/demo/demo-district.test.ts',
  // the city, reading every district's store beside its own
  'test/city/city-commands.test.ts',
  'test/city/city-summary.test.ts',
  'test/city/district-ranking.test.ts',
  // scheduled pushes and the outbox
  'test/push/district-standings.test.ts',
  'test/push/outbox-worker.test.ts',
  'test/push/push-content.test.ts',
  'test/push/push-run-chunks.test.ts',
  'test/push/push-service-reminders.test.ts',
  'test/push/push-service.test.ts',
  // the ledger import, and the web view over the store and its journal
  'test/workbook/import/bad-input.test.ts',
  'test/workbook/import/export-headers.test.ts',
  'test/workbook/import/ledger-import.test.ts',
  'test/workbook/ledger-workbook.test.ts',
  'test/web/import-page.test.ts',
  'test/web/web-session.test.ts',
  'test/web/pages/dispatch-view.test.ts',
  'test/web/pages/project-view.test.ts',
  'test/web/pages/projects-view.test.ts',
];
