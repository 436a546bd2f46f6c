import { createHash, hash } from 'node:crypto';

/**
 * A digest as hex through Node's one-shot `crypto.hash` (20.12+): a third cheaper than a Hash object
 * for the short inputs hashed on every message (WeCom signatures, journal line sums). Older 20.x,
 * which package.json's engines still admit, build the object.
 */
export const hashHex: (algorithm: 'sha1' | 'sha256', data: string | Buffer) => string =
  typeof hash === 'function'
    ? (algorithm, data) => hash(algorithm, data, 'hex')
    : (algorithm, data) => createHash(algorithm).update(data).digest('hex');
