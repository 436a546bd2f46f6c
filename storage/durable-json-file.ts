import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { zh } from '../src/text/zh.ts';

export class StoreUnreadableError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(zh.storeUnreadable(path, reason));
    this.name = 'StoreUnreadableError';
  }
}

/**
 * lowdb adapter that, unlike lowdb's own JSONFile, fsyncs the temp file and the directory around the
 * rename, and refuses a file it cannot parse instead of treating it as empty.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly path: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreUnreadableError(this.path, (e as Error).message);
    }
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw new StoreUnreadableError(this.path, zh.notJson((e as Error).message));
    }
  }

  async write(data: T): Promise<void> {
    // Stringify before the first await, so the snapshot is of one consistent instant.
    const text = JSON.stringify(data);
    const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.tmp`);
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.path);
    const dir = openSync(dirname(this.path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}
