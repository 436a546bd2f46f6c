import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { buildDemoDistrict } from '../src/demo/build-demo-district.ts';
import { migrateStore } from '../src/migrate-store.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import { ARCHIVE_DIR, archivedName } from '../storage/journal-files.ts';
import { encodeJournalLine } from '../storage/journal-line.ts';
import { Store } from '../storage/store.ts';
import { progressJournal } from './progress-journal.ts';
import { syntheticDistrict } from './synthetic-district.ts';

const SIZE = { projects: 5_000, units: 60, notes: 100_000, instalments: 20_000 };
const NOW = new Date('2026-11-29T10:00:00+08:00');
const TODAY = '2026-11-29';
/** A busy year's reports as the journal holds them: about what 200 reporters send. */
const JOURNAL_RECORDS = 50_000;

/** The server to make throw-away databases in (the superuser's), by default the local one. */
const ADMIN_URL = process.env.SAIMA_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function asAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `saima_bench_migrate_${process.pid}`;
  await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await asAdmin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/**
 * The 5,000-project district of bench/synthetic-district.ts as a data directory after a busy year:
 * its snapshot, and 50,000 journal records in the compressed archive. (The records are the year's
 * reports in shape and size; the move copies and compares them, it does not replay them.)
 */
async function syntheticDataDir(dir: string): Promise<number> {
  const doc = syntheticDistrict(SIZE, TODAY);
  doc.seq = JOURNAL_RECORDS;
  mkdirSync(join(dir, ARCHIVE_DIR), { recursive: true });
  writeFileSync(join(dir, 'saima.json'), JSON.stringify(doc));
  const lines = Readable.from(
    (function* () {
      for (const r of progressJournal(Object.keys(doc.projects), JOURNAL_RECORDS, 7))
        yield encodeJournalLine(r);
    })(),
  );
  const archive = join(dir, ARCHIVE_DIR, archivedName(1, JOURNAL_RECORDS));
  await pipeline(lines, createGzip(), createWriteStream(archive));
  // opened once, as a server would: the one-piece snapshot is rewritten a record per line
  const store = await Store.open(new FilePersistence(dir));
  await store.close();
  return Object.keys(doc.projects).length;
}

async function demoDataDir(dir: string): Promise<number> {
  const store = await Store.open(new FilePersistence(dir));
  const demo = buildDemoDistrict(store, NOW);
  await store.durable();
  await store.close();
  return demo.projects;
}

/** Moves a data directory into a fresh database and back, timing each way. */
async function roundTrip(name: string, build: (dir: string) => Promise<number>): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'saima-bench-migrate-'));
  try {
    const source = join(work, 'data');
    mkdirSync(source);
    const projects = await build(source);
    return await withDatabase(async (url) => {
      const options = { databaseUrl: url, stream: 'district', today: TODAY };
      const there = await migrateStore({ ...options, to: 'postgres', dataDir: source });
      const back = await migrateStore({ ...options, to: 'files', dataDir: join(work, 'back') });
      return (
        `${name} (${projects} projects, ${there.records} journal records, seq ${there.seq}, ${there.indicators.length} indicator readings compared): ` +
        `to PostgreSQL ${(there.ms / 1000).toFixed(1)} s, back to files ${(back.ms / 1000).toFixed(1)} s — copy, write, open with the target's engine and compare, all equal`
      );
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `npm run migrate-store` on the demo district and a 5,000-project district, each way (issue 15). */
export async function migrateStoreBench(): Promise<string[]> {
  return [
    'npm run migrate-store (issue 15): data directory → PostgreSQL → data directory',
    `  ${await roundTrip('demo district', demoDataDir)}`,
    `  ${await roundTrip('synthetic district', syntheticDataDir)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrateStoreBench().then(
    (lines) => process.stdout.write(`${lines.join('\n')}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
