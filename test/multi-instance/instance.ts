import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { output, runEntry } from '../helpers/server-process.ts';

/** How long a start may take on a busy 2-core machine (tsx compiles the sources first). */
const START_TIMEOUT_MS = 60_000;

/**
 * One `src/main.ts` process with a data directory of its own (its local socket, pictures), sharing
 * the ledger through SAIMA_DATABASE_URL: it can be killed with SIGKILL and started again.
 */
export class Instance {
  readonly dataDir: string;
  private child: ChildProcess | null = null;
  private port = 0;
  /** Every log line of every run of this instance, oldest first. */
  readonly log: string[] = [];
  starts = 0;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {
    this.dataDir = mkdtempSync(join(tmpdir(), `saima-${name}-`));
  }

  /** The HTTP base while the process runs, else null (a request then gets nowhere, as to a dead host). */
  get base(): string | null {
    return this.child ? `http://127.0.0.1:${this.port}` : null;
  }

  /** Starts the server and resolves once it logged `started` (its store is open and it serves). */
  async start(): Promise<void> {
    if (this.child) throw new Error(`${this.name} is already running`);
    const child = runEntry('src/main.ts', [], { SAIMA_DATA_DIR: this.dataDir, PORT: '0', ...this.env });
    this.starts++;
    // nothing is written there, but a full pipe would stall the server: keep it drained
    child.stdout?.resume();
    let pending = '';
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} did not start:\n${this.log.slice(-20).join('\n')}`)),
        START_TIMEOUT_MS,
      );
      child.stderr?.on('data', (chunk) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          this.log.push(line);
          if (line.includes('"event":"started"')) {
            clearTimeout(timer);
            resolve((JSON.parse(line) as { port: number }).port);
          }
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited with ${code}:\n${this.log.slice(-20).join('\n')}`));
      });
    });
    this.child = child;
  }

  /** kill -9: no shutdown code runs, whatever was in flight is cut off. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    child.kill('SIGKILL');
    await output(child);
  }

  /** A clean stop (SIGTERM): the server closes its store before it exits. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    child.kill('SIGTERM');
    await output(child);
  }

  /** Log lines of this instance's runs with the given event. */
  events(event: string): Array<Record<string, unknown>> {
    return this.log
      .filter((line) => line.includes(`"event":"${event}"`))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
