import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { localSocketPath } from '../../src/server/local-socket.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs a project entry point (`src/main.ts`, `src/chat-cli.ts`) in a real child Node process. */
export function runEntry(
  entry: string,
  args: string[],
  env: Record<string, string>,
  stdin: 'ignore' | 'pipe' = 'ignore',
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: [stdin, 'pipe', 'pipe'],
  });
}

export function output(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, stdout: '', stderr: '' });
      return;
    }
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c) => {
      stdout += c;
    });
    child.stderr?.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // a grandchild that inherited the pipes (tsx's esbuild service) can hold 'close' back: 'exit' is enough
    child.on('exit', (code) => setTimeout(() => resolve({ code, stdout, stderr }), 500));
  });
}

/** Starts the server on a data directory and resolves once it logged `started`. */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = runEntry('src/main.ts', [], { SAIMA_DATA_DIR: dataDir, PORT: '0', ...env });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 15_000);
    child.stderr?.on('data', (c) => {
      log += c;
      if (log.includes('"event":"started"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  return child;
}

/** Posts a raw body to a route of the local socket (`/chat` as `npm run chat` does); answers status and body text. */
export function postToSocket(
  dataDir: string,
  body: string,
  route = '/chat',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath: localSocketPath(dataDir),
        path: route,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends one message through the running server's local socket, as `npm run chat` does. */
export async function chatViaSocket(
  dataDir: string,
  as: string,
  text: string,
  messageId?: string,
): Promise<string> {
  const answer = await postToSocket(dataDir, JSON.stringify({ as, text, messageId: messageId ?? null }));
  return (JSON.parse(answer.text) as { text: string }).text;
}
