import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { FilePersistence } from '../../storage/file-persistence.ts';
import type { JournalRecord, LegacyJournalRecord } from '../../storage/journal-record.ts';
import { MemoryPersistence, type Persistence } from '../../storage/persistence.ts';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import type { StoreDocument } from '../../storage/schema.ts';
import { Store } from '../../storage/store.ts';
import { writePgStream } from '../../storage/store-migration-pg.ts';
import { type FreshDatabase, freshDatabase } from './postgres.ts';

/**
 * The engine the store tests run on: `embedded` (the default: the in-memory ledger on no disk, or on
 * a data directory where a test opens its store again) or `postgres` (a journal stream of its own in
 * a database made for the test file). The `postgres` vitest project sets it; test code never asks
 * which engine it has, so one test is the same test on both.
 */
export const TEST_STORE_ENGINE_VARIABLE = 'SAIMA_TEST_STORE_ENGINE';
export type TestStoreEngine = 'embedded' | 'postgres';

export function testStoreEngine(): TestStoreEngine {
  const value = process.env[TEST_STORE_ENGINE_VARIABLE] ?? 'embedded';
  if (value !== 'embedded' && value !== 'postgres')
    throw new Error(`${TEST_STORE_ENGINE_VARIABLE} must be embedded or postgres, not ${value}`);
  return value;
}

/**
 * `it` for a test of the embedded engine's own data directory, processes or crashes, in a file whose
 * other tests run on both engines: the postgres run skips it (it would test the same files again).
 */
export const itEmbeddedOnly = it.skipIf(testStoreEngine() === 'postgres');

/** Snapshot settings a test may ask of whichever engine it runs on. */
export interface TestStoreOptions {
  snapshotEvery?: number;
  snapshotAfterMs?: number;
}

/** Where stores are opened again and again: a data directory, or a PostgreSQL journal stream. */
export interface TestStorePlace {
  /** A store on what the place holds: empty the first time, then everything earlier stores kept. */
  open(options?: TestStoreOptions): Promise<Store>;
}

let database: Promise<FreshDatabase> | null = null;
let streams = 0;
let hooked = false;
let inTest = false;
/** Stores on PostgreSQL still open, and whether the running test opened them (closed when it ends). */
const open = new Map<Store, 'test' | 'file'>();
const persistences = new WeakMap<Store, Persistence>();

/** Called by test/test-store-hooks.ts, the postgres project's setup file: without it nothing would be closed. */
export function testStoreHooks() {
  hooked = true;
  return {
    testStarts() {
      inTest = true;
    },
    async testEnded() {
      inTest = false;
      await closeStores('test');
    },
    async fileEnded() {
      try {
        await closeStores('file');
      } finally {
        const made = database;
        database = null;
        if (made) await (await made).drop();
      }
    },
  };
}

/** Closes every store of the test (or, at the file's end, every one left), each even when another fails. */
async function closeStores(opener: 'test' | 'file'): Promise<void> {
  const closing = [...open].filter(([, by]) => opener === 'file' || by === 'test').map(([store]) => store);
  for (const store of closing) open.delete(store);
  const failed = (await Promise.allSettled(closing.map((store) => store.close()))).find(
    (outcome) => outcome.status === 'rejected',
  );
  if (failed) throw failed.reason;
}

/** A stream of its own in the test file's database (made at the first). */
async function newStream(): Promise<{ url: string; stream: string }> {
  if (!hooked)
    throw new Error(
      'PostgreSQL test stores need the setup file test/test-store-hooks.ts: run the postgres project',
    );
  database ??= freshDatabase();
  return { url: (await database).url, stream: `test-${++streams}` };
}

async function opened(persistence: Persistence): Promise<Store> {
  const store = await Store.open(persistence);
  persistences.set(store, persistence);
  if (testStoreEngine() === 'postgres') open.set(store, inTest ? 'test' : 'file');
  return store;
}

/**
 * A store for one test, on the engine of the run, holding `initial` (else empty); closed when the test
 * ends. `around` wraps the engine's persistence as the server does (say, in a JournalTap).
 */
export async function openTestStore(
  options: { initial?: StoreDocument; around?: (persistence: Persistence) => Persistence } = {},
): Promise<Store> {
  const around = options.around ?? ((persistence) => persistence);
  if (testStoreEngine() === 'embedded') return opened(around(new MemoryPersistence(options.initial)));
  const { url, stream } = await newStream();
  // the document as the stream's snapshot, with no journal before it: as npm run migrate-store writes one
  if (options.initial) await writePgStream(url, stream, options.initial, (async function* () {})());
  return opened(around(new PgPersistence({ url, stream })));
}

/** A place to open a store on, close it, and open it again with everything it acknowledged. */
export async function testStorePlace(): Promise<TestStorePlace> {
  if (testStoreEngine() === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'saima-store-'));
    return { open: (options = {}) => opened(new FilePersistence(dir, options)) };
  }
  const { url, stream } = await newStream();
  return { open: (options = {}) => opened(new PgPersistence({ url, stream, ...options })) };
}

/** The persistence under a store this helper opened: its `records()` are the store's journal as it is now. */
export function persistenceOf(store: Store): Persistence {
  const persistence = persistences.get(store);
  if (!persistence) throw new Error('only stores opened by test/helpers/test-store.ts are known here');
  return persistence;
}

/** Every change the store's journal keeps, oldest first, once every change made so far is durable. */
export async function journalOf(store: Store): Promise<Array<JournalRecord | LegacyJournalRecord>> {
  const persistence = persistenceOf(store);
  await store.durable();
  const records: Array<JournalRecord | LegacyJournalRecord> = [];
  for await (const record of persistence.records()) records.push(record);
  return records;
}
