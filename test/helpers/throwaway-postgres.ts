import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectionError } from './postgres.ts';

const run = promisify(execFile);

/** Where Debian's `postgresql` package puts each major version: /usr/lib/postgresql/<version>/bin. */
export const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

export const MISSING_POSTGRES_MESSAGE =
  'The tests need PostgreSQL: none answers on 127.0.0.1:5432 and no server binaries were found under ' +
  `${DEBIAN_POSTGRES_ROOT}/*/bin to start a throw-away one. Install Debian's postgresql package ` +
  '(apt-get install postgresql), or set SAIMA_TEST_POSTGRES_URL to a PostgreSQL superuser URL.';

export interface PostgresBinaries {
  version: string;
  initdb: string;
  postgres: string;
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The newest installed version that has both initdb and postgres, or undefined when there is none. */
export function findPostgresBinaries(root = DEBIAN_POSTGRES_ROOT): PostgresBinaries | undefined {
  if (!existsSync(root)) return undefined;
  const complete = readdirSync(root)
    .filter((version) => /^\d+(\.\d+)*$/.test(version))
    .map((version) => ({
      version,
      initdb: join(root, version, 'bin', 'initdb'),
      postgres: join(root, version, 'bin', 'postgres'),
    }))
    .filter((found) => existsSync(found.initdb) && existsSync(found.postgres));
  return complete.sort((a, b) => compareVersions(b.version, a.version))[0];
}

interface OsUser {
  uid: number;
  gid: number;
}

/**
 * initdb and postgres refuse to run as root; as root they run as the `postgres` user that Debian's package
 * creates. Node drops the privileges itself (no runuser in between), so signals reach postgres directly.
 */
async function serverUser(): Promise<OsUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    return { uid, gid };
  } catch {
    throw new Error(
      `Running as root, and there is no postgres OS user to run the server as. ${MISSING_POSTGRES_MESSAGE}`,
    );
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port for PostgreSQL');
  return address.port;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Whether the process ended within `ms`. */
function exitWithin(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface ThrowawayPostgres {
  /** Superuser URL, on 127.0.0.1. */
  url: string;
  /** Temporary directory holding the cluster, its unix socket and its log. */
  dir: string;
  version: string;
  /** Shuts the server down (fast shutdown: open connections are ended) and deletes the directory. */
  stop(): Promise<void>;
}

const STARTUP_LIMIT_MS = 20_000;
const SHUTDOWN_LIMIT_MS = 10_000;

/**
 * A private PostgreSQL cluster for one test run: initdb into a temporary directory (trust authentication,
 * UTF8, locale C), the server on a free port of 127.0.0.1 with its unix socket in that directory.
 * Durability settings are off: the data is thrown away, and the tests check transactions, not disks.
 */
export async function startThrowawayPostgres(
  options: { binariesRoot?: string } = {},
): Promise<ThrowawayPostgres> {
  const binaries = findPostgresBinaries(options.binariesRoot);
  if (!binaries) throw new Error(MISSING_POSTGRES_MESSAGE);
  const user = await serverUser();
  // the run's own TMPDIR (test/global-temp-dir.ts) is private to root, out of the postgres user's reach
  const dir = mkdtempSync(join(user ? '/tmp' : tmpdir(), 'saima-postgres-'));
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    const data = join(dir, 'data');
    await run(
      binaries.initdb,
      [
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
        '--no-instructions',
      ],
      { cwd: dir, ...user },
    ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`initdb failed: ${error.stderr || error.stdout || error.message}`);
    });
    for (let attempt = 1; ; attempt++) {
      try {
        return await startServer(binaries, dir, data, user);
      } catch (error) {
        // another process can take the free port between choosing it and postgres binding it
        const portTaken = error instanceof Error && error.message.includes('could not bind');
        if (!portTaken || attempt === 3) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startServer(
  binaries: PostgresBinaries,
  dir: string,
  data: string,
  user: OsUser | undefined,
): Promise<ThrowawayPostgres> {
  const port = await freePort();
  const logPath = join(dir, 'postgres.log');
  const log = openSync(logPath, 'a');
  const settings = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
  const child = spawn(
    binaries.postgres,
    ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir, ...settings.flatMap((s) => ['-c', s])],
    { cwd: dir, stdio: ['ignore', log, log], ...user },
  );
  closeSync(log);
  let spawnError: Error | undefined;
  child.on('error', (error) => {
    spawnError = error;
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  for (;;) {
    if (spawnError)
      throw new Error(`postgres ${binaries.version} could not be started: ${spawnError.message}`);
    if (hasExited(child)) {
      throw new Error(`postgres ${binaries.version} exited while starting: ${readFileSync(logPath, 'utf8')}`);
    }
    const refused = await connectionError(url, 1_000);
    if (!refused) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exitWithin(child, SHUTDOWN_LIMIT_MS);
      throw new Error(
        `postgres ${binaries.version} did not accept connections within ${STARTUP_LIMIT_MS} ms`,
      );
    }
    await sleep(50);
  }
  return {
    url,
    dir,
    version: binaries.version,
    stop: async () => {
      child.kill('SIGINT');
      if (!(await exitWithin(child, SHUTDOWN_LIMIT_MS))) {
        child.kill('SIGKILL');
        await exitWithin(child, SHUTDOWN_LIMIT_MS);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
