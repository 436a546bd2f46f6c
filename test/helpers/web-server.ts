import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoDistrict } from '../../src/demo/build-demo-district.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { Store } from '../../storage/store.ts';
import { output, runEntry, startServer } from './server-process.ts';

/** A free port on 127.0.0.1: the server's SAIMA_PUBLIC_URL must name its port before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A data directory holding the demo district (README 「演示数据」), built through the store's verbs. */
export async function demoDataDir(now: Date = new Date()): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-web-'));
  const store = await Store.open(new FilePersistence(dir));
  buildDemoDistrict(store, now);
  await store.close();
  return dir;
}

export interface WebServer {
  dataDir: string;
  /** `http://127.0.0.1:<port>` = the server's SAIMA_PUBLIC_URL. */
  baseUrl: string;
  child: ChildProcess;
  /** `npm run chat -- --as <account> <text>` against this server (through its local socket), as plain text. */
  chat(account: string, text: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The real server (`src/main.ts` in a child process) on 127.0.0.1 with a data directory (default:
 * a fresh demo district) and SAIMA_PUBLIC_URL pointing at itself.
 */
export async function startWebServer(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<WebServer> {
  const dataDir = options.dataDir ?? (await demoDataDir());
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    HOST: '127.0.0.1',
    PORT: String(port),
    SAIMA_PUBLIC_URL: baseUrl,
    SAIMA_ADMINS: 'qianjin',
    ...options.env,
  };
  const child = await startServer(dataDir, env);
  return {
    dataDir,
    baseUrl,
    child,
    async chat(account, text) {
      const run = runEntry('src/chat-cli.ts', ['--as', account, text], { SAIMA_DATA_DIR: dataDir, ...env });
      const done = await output(run);
      if (done.code !== 0) throw new Error(`npm run chat failed (${done.code}):\n${done.stderr}`);
      return done.stdout;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The personal login link in a 看板 reply. */
export function loginLinkIn(reply: string): string {
  const link = /https?:\/\/\S+\/login\/[A-Za-z0-9_-]+/.exec(reply)?.[0];
  if (!link) throw new Error(`no login link in:\n${reply}`);
  return link;
}
