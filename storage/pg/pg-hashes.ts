import { createHash } from 'node:crypto';

/** A journal row's or snapshot record's checksum, as the engine checks it on reading. */
export const checksumOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The advisory lock key for one purpose on one stream (the journal's turn, the scheduler's lead, a
 * move into the stream): 64 bits of a hash, so no two purposes or streams ever share a lock.
 */
export function advisoryLockKey(purpose: string, stream: string): string {
  return createHash('sha256').update(`saima-${purpose}:${stream}`).digest().readBigInt64BE(0).toString();
}
