import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseTestPostgres, type TestPostgres } from '../helpers/choose-postgres.ts';
import { connectionError, type FreshDatabase, freshDatabase, postgresAdminUrl } from '../helpers/postgres.ts';
import { findPostgresBinaries, MISSING_POSTGRES_MESSAGE } from '../helpers/throwaway-postgres.ts';

/** A client whose connection may be ended under it; the end is recorded instead of crashing the worker. */
async function connect(url: string): Promise<{ client: Client; errors: Error[] }> {
  const client = new Client({ connectionString: url });
  const errors: Error[] = [];
  client.on('error', (error) => errors.push(error));
  await client.connect();
  return { client, errors };
}

async function tableNames(url: string): Promise<string[]> {
  const { client } = await connect(url);
  try {
    const result = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    return result.rows.map((row) => row.table_name);
  } finally {
    await client.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  const { client } = await connect(postgresAdminUrl());
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** A URL on a port of 127.0.0.1 where nothing listens: what a machine without PostgreSQL looks like. */
async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

describe('freshDatabase', () => {
  const made: FreshDatabase[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((database) => database.drop()));
  });
  async function fresh(): Promise<FreshDatabase> {
    const database = await freshDatabase();
    made.push(database);
    return database;
  }

  it('gives each call a database of its own: a table made in one is absent from the other', async () => {
    const [first, second] = [await fresh(), await fresh()];
    expect(first.url).not.toBe(second.url);
    const { client } = await connect(first.url);
    await client.query('CREATE TABLE journal (sequence bigint PRIMARY KEY)');
    await client.end();

    expect(await tableNames(first.url)).toEqual(['journal']);
    expect(await tableNames(second.url)).toEqual([]);
  });

  it('names the database saima_t_ and random hex, on 127.0.0.1, in UTF8 with the C locale', async () => {
    const url = new URL((await fresh()).url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toMatch(/^\/saima_t_[0-9a-f]{16}$/);
    const { client } = await connect(url.toString());
    const settings = await client.query('SHOW server_encoding');
    const collation = await client.query(
      'SELECT datcollate FROM pg_database WHERE datname = current_database()',
    );
    await client.end();
    expect(settings.rows[0]).toEqual({ server_encoding: 'UTF8' });
    expect(collation.rows[0]).toEqual({ datcollate: 'C' });
  });

  it('drop() removes the database even while a connection to it is still open', async () => {
    const database = await freshDatabase();
    const name = new URL(database.url).pathname.slice(1);
    const { client, errors } = await connect(database.url);
    await client.query('SELECT 1');

    await database.drop();

    expect(await databaseExists(name)).toBe(false);
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await expect.poll(() => errors.length).toBeGreaterThan(0);
  });
});

describe('chooseTestPostgres', () => {
  let chosen: TestPostgres | undefined;
  afterEach(async () => {
    await chosen?.stop();
    chosen = undefined;
  });

  it('uses the URL given in SAIMA_TEST_POSTGRES_URL without trying anything else', async () => {
    const given = await unreachableUrl();
    chosen = await chooseTestPostgres({ given, local: await unreachableUrl() });
    expect(chosen).toMatchObject({ url: given, origin: 'given' });
  });

  it('uses the local server when it accepts a connection', async () => {
    chosen = await chooseTestPostgres({ local: postgresAdminUrl() });
    expect(chosen).toMatchObject({ url: postgresAdminUrl(), origin: 'local' });
  });

  it('starts a throw-away cluster on 127.0.0.1 when the local server is unreachable; stop() removes it', async () => {
    chosen = await chooseTestPostgres({ local: await unreachableUrl() });
    expect(chosen.origin).toBe('throw-away');
    expect(chosen.localRefusal).toMatch(/ECONNREFUSED/);
    const url = new URL(chosen.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.port).not.toBe('5432');

    const { client } = await connect(chosen.url);
    const dir =
      (await client.query<{ dir: string }>("SELECT current_setting('unix_socket_directories') AS dir"))
        .rows[0]?.dir ?? '';
    await client.query('CREATE TABLE outbox (id bigint PRIMARY KEY)');
    await client.query('INSERT INTO outbox VALUES (1)');
    expect((await client.query('SELECT count(*)::int AS n FROM outbox')).rows[0]).toEqual({ n: 1 });
    await client.end();
    expect(dir).toMatch(/saima-postgres-/);
    expect(existsSync(dir)).toBe(true);

    await chosen.stop();

    expect(existsSync(dir)).toBe(false);
    expect(await connectionError(chosen.url, 1_000)).toBeInstanceOf(Error);
  });

  it('fails with the install hint when neither a server nor the binaries are there', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-postgres-'));
    try {
      await expect(
        chooseTestPostgres({ local: await unreachableUrl(), binariesRoot: empty }),
      ).rejects.toThrow(MISSING_POSTGRES_MESSAGE);
      expect(MISSING_POSTGRES_MESSAGE).toMatch(/apt-get install postgresql/);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });
});

describe('findPostgresBinaries', () => {
  it('picks the newest version that has both initdb and postgres', () => {
    const root = mkdtempSync(join(tmpdir(), 'debian-postgres-'));
    try {
      const install = (version: string, programs: string[]) => {
        mkdirSync(join(root, version, 'bin'), { recursive: true });
        for (const program of programs) writeFileSync(join(root, version, 'bin', program), '');
      };
      install('9.6', ['initdb', 'postgres']);
      install('15', ['initdb', 'postgres']);
      install('17', ['initdb']);
      install('common', ['initdb', 'postgres']);

      expect(findPostgresBinaries(root)).toEqual({
        version: '15',
        initdb: join(root, '15', 'bin', 'initdb'),
        postgres: join(root, '15', 'bin', 'postgres'),
      });
      expect(findPostgresBinaries(join(root, 'absent'))).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true });
    }
  });
});
