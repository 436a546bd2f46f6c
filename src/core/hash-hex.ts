// a namespace import: a named import of `hash` fails to link on Node older than 20.12, which has none
import * as nodeCrypto from 'node:crypto';

/**
 * A digest as hex through Node's one-shot `crypto.hash` (20.12+): a third cheaper than a Hash object
 * for the short inputs hashed on every message (WeCom signatures, journal line sums). Older 20.x,
 * which package.json's engines still admit, build the object.
 */
export const hashHex: (algorithm: 'sha1' | 'sha256', data: string | Buffer) => string =
  typeof nodeCrypto.hash === 'function'
    ? (algorithm, data) => nodeCrypto.hash(algorithm, data, 'hex')
    : (algorithm, data) => nodeCrypto.createHash(algorithm).update(data).digest('hex');
