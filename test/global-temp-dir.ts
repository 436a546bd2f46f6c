import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every test run gets one temporary directory, inherited by the test workers and the server processes
 * they start through TMPDIR, and removed when the run ends: the hundreds of data directories the
 * tests make never pile up on the machine.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'saima-test-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
