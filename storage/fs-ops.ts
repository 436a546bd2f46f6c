import { fdatasync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * The few file-system calls whose failure changes what the store may acknowledge; tests pass a
 * version that fails once to prove the store tells the truth when the disk does not cooperate.
 */
export interface FsOps {
  mkdirSync(path: string, options: { recursive: true; mode: number }): string | undefined;
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Buffer, offset: number, length: number, position: number): number;
  fdatasyncSync(fd: number): void;
  /** The sync that acknowledges records: in libuv's pool, so the event loop keeps running. */
  fdatasync(fd: number): Promise<void>;
  ftruncateSync(fd: number, length: number): void;
}

export const nodeFs: FsOps = {
  mkdirSync,
  openSync,
  writeSync,
  fdatasyncSync,
  fdatasync: promisify(fdatasync),
  ftruncateSync,
};
