import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Runs `code` against the file store in a real child process that then dies by SIGKILL, with no
 * snapshot and no close: what a power cut or `kill -9` leaves in the data directory, lock included.
 * The code sees `store` and `meta(n)` (an admin's change at second n of 2023-06-01).
 */
export function changeThenKill(dir: string, code: string): void {
  const script = `
    const { FilePersistence } = await import(${JSON.stringify(join(ROOT, 'storage/file-persistence.ts'))});
    const { Store } = await import(${JSON.stringify(join(ROOT, 'storage/store.ts'))});
    const store = await Store.open(new FilePersistence(${JSON.stringify(dir)}, { snapshotEvery: 1e6, snapshotAfterMs: 3.6e6 }));
    const meta = (n) => ({ actor: 'admin', command: 'test', at: new Date(Date.UTC(2023, 5, 1, 0, 0, n)) });
    ${code}
    process.kill(process.pid, 'SIGKILL');
  `;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.signal !== 'SIGKILL') throw new Error(`the child did not die as planned:\n${result.stderr}`);
}

/** Adds units (type 部门) in a child process that then dies by SIGKILL. */
export function addUnitsThenKill(dir: string, names: string[]): void {
  changeThenKill(
    dir,
    names
      .map((name, i) => `store.addUnit(meta(${i}), { name: ${JSON.stringify(name)}, type: '部门' });`)
      .join('\n'),
  );
}

/** What the data directory holds at this instant: a copy is what a SIGKILL would leave behind (no lock, no sockets). */
export function crashCopy(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'saima-after-crash-'));
  cpSync(dir, copy, { recursive: true, filter: (src) => !/saima\.lock|\.sock$/.test(src) });
  return copy;
}
