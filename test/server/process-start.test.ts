import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { Store } from '../../storage/store.ts';
import { output } from '../helpers/server-process.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

function startedLog(child: ChildProcess): Promise<{ port: number; host: string; pid: number }> {
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (c) => {
      log += c;
      const line = log.split('\n').find((l) => l.includes('"event":"started"'));
      if (line) resolve(JSON.parse(line));
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${log}`)));
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Polls a condition for a few seconds: the issue asks that the server be gone "within a few seconds". */
async function within(ms: number, condition: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function dataDirIsFree(dir: string): Promise<boolean> {
  try {
    const store = await Store.open(new FilePersistence(dir));
    await store.close();
    return true;
  } catch {
    return false;
  }
}

function env(dir: string, extra: Record<string, string> = {}) {
  return { ...process.env, NODE_ENV: 'production', SAIMA_DATA_DIR: dir, PORT: '0', ...extra };
}

describe('starting the server as a process', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`leaves no server behind when npm start itself gets ${signal}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'saima-npm-start-'));
      const npm = spawn('npm', ['start'], { cwd: ROOT, env: env(dir), stdio: ['ignore', 'pipe', 'pipe'] });
      const { port, pid } = await startedLog(npm);
      try {
        expect(pid).not.toBe(npm.pid);
        expect(await portIsFree(port)).toBe(false);

        npm.kill(signal);
        await output(npm);

        expect(await within(5_000, async () => !alive(pid))).toBe(true);
        expect(await portIsFree(port)).toBe(true);
        expect(await dataDirIsFree(dir)).toBe(true);
      } finally {
        if (alive(pid)) process.kill(pid, 'SIGKILL');
        npm.kill('SIGKILL');
      }
    });
  }

  it('listens only where HOST says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-host-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: env(dir, { HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const log = await startedLog(child);
      expect(log.host).toBe('127.0.0.1');
      expect((await fetch(`http://127.0.0.1:${log.port}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await output(child);
    }
  });

  it('runs from the build with plain node: no TypeScript loader, picture worker included', async () => {
    await run('npm', ['run', 'build'], { cwd: ROOT });
    const dir = mkdtempSync(join(tmpdir(), 'saima-dist-'));
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: env(dir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const { port } = await startedLog(child);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toMatchObject({ ok: true });
      // the web view's stylesheet and scripts are copied beside the compiled code
      const page = await (await fetch(`http://127.0.0.1:${port}/web/login-needed`)).text();
      for (const asset of page.match(/\/web\/assets\/[^"]+/g) ?? []) {
        expect((await fetch(`http://127.0.0.1:${port}${asset}`)).status, asset).toBe(200);
      }
      expect((await fetch(`http://127.0.0.1:${port}/web/assets/race.js`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await output(child);
    }
    expect(await within(5_000, () => dataDirIsFree(dir))).toBe(true);

    const render = `import('./dist/src/picture/five-colour-chart.js').then(async ({ svgToPng }) => {
      const png = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');
      process.stdout.write(png.subarray(1, 4).toString()); process.exit(0); });`;
    const { stdout } = await run(process.execPath, ['-e', render], { cwd: ROOT });
    expect(stdout).toBe('PNG');
  }, 120_000);
});
