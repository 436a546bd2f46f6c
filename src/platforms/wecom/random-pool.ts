import { randomFillSync } from 'node:crypto';

/**
 * Random bytes drawn from the system's generator a page at a time: each call to it costs about as
 * much as encrypting a whole reply, whatever its size, and every callback answer needs two small
 * draws. Every byte is handed out once, as Node does for `randomUUID`.
 */
const PAGE = 4096;
const page = Buffer.alloc(PAGE);
let used = PAGE;

/** Fills `target[offset, offset + length)` with fresh random bytes. */
export function randomInto(target: Buffer, offset: number, length: number): void {
  if (length > PAGE) {
    randomFillSync(target, offset, length);
    return;
  }
  if (used + length > PAGE) {
    randomFillSync(page);
    used = 0;
  }
  page.copy(target, offset, used, used + length);
  used += length;
}

export function randomHex(bytes: number): string {
  const out = Buffer.alloc(bytes);
  randomInto(out, 0, bytes);
  return out.toString('hex');
}
