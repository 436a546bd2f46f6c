import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, lockNotePath } from '../../storage/data-dir-lock.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** A real process that takes the lock on `dir` and holds it until it is killed. */
async function holder(dir: string, script = holdWithLockDataDir(dir)): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (c) => {
      err += c;
    });
    child.stdout?.on('data', (c) => String(c).includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
  return child;
}

function holdWithLockDataDir(dir: string): string {
  return `
    const { lockDataDir } = await import(${JSON.stringify(join(ROOT, 'storage/data-dir-lock.ts'))});
    await lockDataDir(${JSON.stringify(dir)});
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1 << 30);
  `;
}

/**
 * A holder whose abstract socket we cannot see, as from another container (another network
 * namespace) on the same volume: only its socket file in the directory is visible to us.
 */
function holdFromAnotherNamespace(dir: string): string {
  return `
    const net = await import('node:net');
    const note = JSON.stringify({ pid: process.pid, host: 'other-container', startedAt: null });
    net.createServer((s) => s.end(note)).listen(${JSON.stringify(join(dir, 'saima.lock.sock'))}, () =>
      process.stdout.write('locked\\n'));
  `;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'saima-lock-'));

describe('the data directory lock', () => {
  it('refuses a second process and names the holder by PID and host', async () => {
    const dir = tempDir();
    const child = await holder(dir);
    try {
      const refusal = await lockDataDir(dir).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(DataDirLockedError);
      expect((refusal as Error).message).toContain(
        `另一个 saima 进程（PID ${child.pid}，主机 ${hostname()}，`,
      );
      expect(JSON.parse(readFileSync(lockNotePath(dir), 'utf8'))).toMatchObject({ pid: child.pid });
    } finally {
      await killed(child);
    }
  });

  it('is released by the kernel when its holder is killed with SIGKILL', async () => {
    const dir = tempDir();
    await killed(await holder(dir));
    // the dead holder's note and socket file are still there: neither may block the next start
    expect(existsSync(lockNotePath(dir))).toBe(true);
    const release = await lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockNotePath(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
    expect(existsSync(lockNotePath(dir))).toBe(false);
  });

  it('does not mistake a stale note carrying our own PID for a live holder (a restarted container)', async () => {
    const dir = tempDir();
    for (const note of [String(process.pid), JSON.stringify({ pid: process.pid, host: hostname() })]) {
      writeFileSync(lockNotePath(dir), note);
      const release = await lockDataDir(dir);
      release();
    }
  });

  it('refuses a second holder inside the same process until the first lets go', async () => {
    const dir = tempDir();
    const release = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(new RegExp(`PID ${process.pid}，`));
    release();
    (await lockDataDir(dir))();
  });

  it('refuses while a holder in another network namespace answers on the socket file in the directory', async () => {
    const dir = tempDir();
    const child = await holder(dir, holdFromAnotherNamespace(dir));
    try {
      await expect(lockDataDir(dir)).rejects.toThrow(
        `另一个 saima 进程（PID ${child.pid}，主机 other-container）`,
      );
    } finally {
      await killed(child);
    }
    (await lockDataDir(dir))();
  });
});
