import { createHash } from 'node:crypto';
import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { zh } from '../src/text/zh.ts';
import { isoShanghai } from '../src/time/clock.ts';

/** Who holds a data directory, as the holder describes itself. */
export interface LockOwner {
  pid: number | null;
  host: string | null;
  startedAt: string | null;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly path: string,
    readonly owner: LockOwner,
  ) {
    super(zh.dataDirLocked(path, zh.lockOwner(owner.pid, owner.host, owner.startedAt)));
    this.name = 'DataDirLockedError';
  }
}

/** The human-readable note beside the lock; only a hint, never what decides who holds the lock. */
export function lockNotePath(dir: string): string {
  return join(dir, 'saima.lock');
}

function lockSocketPath(dir: string): string {
  return join(dir, 'saima.lock.sock');
}

// Node silently shortens a Unix socket path longer than sun_path (108 bytes) and binds elsewhere.
const SOCKET_PATH_MAX = 107;

function listen(path: string, owner: string): Promise<Server | 'in-use'> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end(owner));
    server.once('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EADDRINUSE' ? resolve('in-use') : reject(e),
    );
    server.listen(path, () => {
      server.unref();
      resolve(server);
    });
  });
}

/** Connects to a holder's socket: its self-description if alive, null if nobody listens there. */
function probe(path: string): Promise<LockOwner | null> {
  return new Promise((resolve) => {
    let text = '';
    let connected = false;
    const socket = createConnection(path);
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('connect', () => {
      connected = true;
    });
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(connected ? parseOwner(text) : null));
  });
}

function parseOwner(text: string): LockOwner {
  try {
    const o = JSON.parse(text) as Partial<LockOwner> | number;
    if (typeof o === 'number') return { pid: o, host: null, startedAt: null };
    return { pid: o.pid ?? null, host: o.host ?? null, startedAt: o.startedAt ?? null };
  } catch {
    return { pid: null, host: null, startedAt: null };
  }
}

/** What the holder says of itself, or else what its note says (a hung holder may not answer). */
async function ownerOf(path: string, dir: string): Promise<LockOwner> {
  const said = await probe(path);
  return said?.pid ? said : noteOwner(dir);
}

function noteOwner(dir: string): LockOwner {
  try {
    return parseOwner(readFileSync(lockNotePath(dir), 'utf8'));
  } catch {
    return { pid: null, host: null, startedAt: null };
  }
}

/**
 * Holds the data directory for as long as this process lives, with locks the kernel drops when it
 * dies (even by SIGKILL), so a restarted container that got the same PID is never locked out:
 * - a Linux abstract-namespace socket named after the directory's device and inode, which bind()s
 *   atomically and exists only while its process does;
 * - a listening socket file in the directory, which other network namespaces (a second container
 *   on the same volume) can probe: a connection means the holder is alive, a refusal that it died.
 * Resolves to the function that releases both.
 */
export async function lockDataDir(dir: string, options: { waitMs?: number } = {}): Promise<() => void> {
  // a second `npm run chat` waits for the first to finish instead of failing at once
  const until = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    try {
      return await lockOnce(dir);
    } catch (e) {
      if (!(e instanceof DataDirLockedError) || Date.now() >= until) throw e;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function lockOnce(dir: string): Promise<() => void> {
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: isoShanghai(new Date()) };
  const note = `${JSON.stringify(me)}\n`;
  const st = statSync(dir);
  const servers: Server[] = [];
  const release = () => {
    for (const s of servers) s.close();
    try {
      if (readFileSync(lockNotePath(dir), 'utf8') === note) unlinkSync(lockNotePath(dir));
    } catch {
      // already gone
    }
  };
  try {
    if (process.platform === 'linux') {
      const name = createHash('sha256').update(`${st.dev}:${st.ino}`).digest('hex').slice(0, 32);
      const guard = await listen(`\0saima-lock-${name}`, note);
      if (guard === 'in-use') throw new DataDirLockedError(dir, await ownerOf(`\0saima-lock-${name}`, dir));
      servers.push(guard);
    }
    const path = lockSocketPath(dir);
    // Without the file the guard alone still holds the directory within this network namespace.
    if (Buffer.byteLength(path) <= SOCKET_PATH_MAX || servers.length === 0) {
      let held = await listen(path, note);
      if (held === 'in-use') {
        if (await probe(path)) throw new DataDirLockedError(dir, await ownerOf(path, dir));
        // Its holder died (the file outlives the process). Within this network namespace the guard
        // above makes us the only starter, so removing it cannot remove a live holder's socket.
        unlinkSync(path);
        held = await listen(path, note);
        if (held === 'in-use') throw new DataDirLockedError(dir, await ownerOf(path, dir));
      }
      servers.push(held);
    }
    writeFileSync(lockNotePath(dir), note, { mode: 0o600 });
  } catch (e) {
    release();
    throw e;
  }
  return release;
}
