import { type Cipher, createCipheriv, createDecipheriv, type Decipher, timingSafeEqual } from 'node:crypto';
import { hashHex } from '../../core/hash-hex.ts';
import { randomInto } from './random-pool.ts';

// https://developer.work.weixin.qq.com/document/path/90968 (加解密方案说明)

export type WecomCryptoFailure =
  | 'bad-key'
  | 'bad-signature'
  | 'bad-base64'
  | 'bad-block'
  | 'bad-padding'
  | 'bad-length'
  | 'bad-receiveid';

/** Why an inbound WeCom payload was refused; nothing from it was read. */
export class WecomCryptoError extends Error {
  constructor(readonly failure: WecomCryptoFailure) {
    super(`wecom crypto: ${failure}`);
    this.name = 'WecomCryptoError';
  }
}

/** WeCom pads to 32-byte blocks (not AES's 16), so Node's automatic padding must stay off. */
const BLOCK = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function aesKeyFrom(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) throw new WecomCryptoError('bad-key');
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new WecomCryptoError('bad-key');
  return key;
}

/** msg_signature = sha1 of token, timestamp, nonce and the ciphertext, sorted and joined. */
export function signature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return hashHex('sha1', [token, timestamp, nonce, encrypted].sort().join(''));
}

export function signatureMatches(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * One long-running AES-256-CBC encryption and one decryption per key, instead of two new ciphers
 * (and key schedules) per callback, which took longer than the AES work itself (measured with perf
 * under bench/webhook-bench.ts). Every message is still its own CBC chain from IV = key[0..16): CBC
 * carries only the last ciphertext block from one call to the next (`lastOut`, `lastIn`), so XOR-ing
 * it and the IV into the first plaintext block (encrypting) or the first decrypted block
 * (decrypting) gives exactly the bytes a fresh cipher gives. Nothing is padded by OpenSSL (WeCom's
 * padding is ours), so every call returns all of its blocks at once and `final` is never needed.
 */
class CbcStreams {
  private readonly cipher: Cipher;
  private readonly decipher: Decipher;
  private readonly iv: Buffer;
  private lastOut: Buffer;
  private lastIn: Buffer;

  constructor(key: Buffer) {
    this.iv = Buffer.from(key.subarray(0, 16));
    this.cipher = createCipheriv('aes-256-cbc', key, this.iv).setAutoPadding(false);
    this.decipher = createDecipheriv('aes-256-cbc', key, this.iv).setAutoPadding(false);
    this.lastOut = this.iv;
    this.lastIn = this.iv;
  }

  /** `plain` (whole blocks) encrypted as a chain of its own; `plain` is changed. */
  encrypt(plain: Buffer): Buffer {
    for (let i = 0; i < 16; i++)
      plain[i] = (plain[i] as number) ^ (this.iv[i] as number) ^ (this.lastOut[i] as number);
    const out = this.cipher.update(plain);
    this.lastOut = Buffer.from(out.subarray(out.length - 16));
    return out;
  }

  /** `cipherBytes` (whole blocks) decrypted as a chain of its own. */
  decrypt(cipherBytes: Buffer): Buffer {
    const out = this.decipher.update(cipherBytes);
    for (let i = 0; i < 16; i++)
      out[i] = (out[i] as number) ^ (this.iv[i] as number) ^ (this.lastIn[i] as number);
    this.lastIn = Buffer.from(cipherBytes.subarray(cipherBytes.length - 16));
    return out;
  }
}

/** A bot has one or two keys (the AI bot's, the self-built app's); tests make many. */
const STREAM_KEYS = 8;
const streams = new Map<string, CbcStreams>();

function streamsFor(key: Buffer): CbcStreams {
  const id = key.toString('base64');
  let s = streams.get(id);
  if (!s) {
    if (streams.size >= STREAM_KEYS) streams.delete(streams.keys().next().value as string);
    s = new CbcStreams(key);
    streams.set(id, s);
  }
  return s;
}

export interface Decrypted {
  message: string;
  receiveId: string;
  random: Buffer;
}

/**
 * AES-256-CBC with IV = key[0..16); plaintext = 16 random bytes | uint32 BE byte length | message |
 * receiveid, PKCS#7-padded to 32. Every field is checked before anything is returned.
 */
export function decrypt(key: Buffer, encrypted: string, expectedReceiveId: string): Decrypted {
  if (!BASE64.test(encrypted) || encrypted.length % 4 !== 0) throw new WecomCryptoError('bad-base64');
  const cipherBytes = Buffer.from(encrypted, 'base64');
  if (cipherBytes.length === 0 || cipherBytes.length % 16 !== 0) throw new WecomCryptoError('bad-block');
  const plain = streamsFor(key).decrypt(cipherBytes);
  const pad = plain[plain.length - 1] as number;
  if (pad < 1 || pad > BLOCK || pad > plain.length) throw new WecomCryptoError('bad-padding');
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) throw new WecomCryptoError('bad-padding');
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20) throw new WecomCryptoError('bad-length');
  const length = content.readUInt32BE(16);
  if (20 + length > content.length) throw new WecomCryptoError('bad-length');
  const message = content.subarray(20, 20 + length).toString('utf8');
  const receiveId = content.subarray(20 + length).toString('utf8');
  if (receiveId !== expectedReceiveId) throw new WecomCryptoError('bad-receiveid');
  return { message, receiveId, random: Buffer.from(content.subarray(0, 16)) };
}

export function encrypt(key: Buffer, message: string, receiveId: string, random?: Buffer): string {
  if (random && random.length !== 16) throw new RangeError('the random prefix is 16 bytes');
  const bodyLength = Buffer.byteLength(message, 'utf8');
  const unpadded = 20 + bodyLength + Buffer.byteLength(receiveId, 'utf8');
  const pad = BLOCK - (unpadded % BLOCK);
  // one buffer, every byte written below: the random prefix, the length, the message, receiveid, padding
  const plain = Buffer.allocUnsafe(unpadded + pad);
  if (random) random.copy(plain, 0);
  else randomInto(plain, 0, 16);
  plain.writeUInt32BE(bodyLength, 16);
  plain.write(message, 20, 'utf8');
  plain.write(receiveId, 20 + bodyLength, 'utf8');
  plain.fill(pad, unpadded);
  return streamsFor(key).encrypt(plain).toString('base64');
}

/** Verify, then decrypt: the order the platform requires, in one call. */
export function openEnvelope(
  options: { token: string; key: Buffer; receiveId: string },
  query: { msgSignature: string; timestamp: string; nonce: string },
  encrypted: string,
): Decrypted {
  const expected = signature(options.token, query.timestamp, query.nonce, encrypted);
  if (!signatureMatches(expected, query.msgSignature)) throw new WecomCryptoError('bad-signature');
  return decrypt(options.key, encrypted, options.receiveId);
}
