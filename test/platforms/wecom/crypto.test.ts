import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  aesKeyFrom,
  decrypt,
  encrypt,
  openEnvelope,
  signature,
  WecomCryptoError,
} from '../../../src/platforms/wecom/crypto.ts';

interface Case {
  name: string;
  msgSignature: string;
  timestamp: string;
  nonce: string;
  encrypted: string;
  expectedPlaintext: string;
  derived?: { randomHex: string };
}
interface VectorSet {
  token: string;
  encodingAesKey: string;
  receiveId: string;
  cases: Case[];
}

const vectors = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'wecom-crypto-vectors.json'), 'utf8'),
);
const sets: VectorSet[] = [vectors, ...vectors.otherSets];
const generated = vectors.selfGenerated as Array<Case & VectorSet>;
const all = [
  ...sets.flatMap((s) => s.cases.map((c) => [c.name, s, c] as const)),
  ...generated.map((c) => [c.name, c, c] as const),
];

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof WecomCryptoError) return e.failure;
    throw e;
  }
  return 'accepted';
}

/** Encrypts raw plaintext bytes without any padding logic, to forge malformed messages. */
function rawEncrypt(key: Buffer, plain: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function frame(random: Buffer, msg: string, receiveId: string, lengthOverride?: number): Buffer {
  const body = Buffer.from(msg);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(lengthOverride ?? body.length);
  return Buffer.concat([random, len, body, Buffer.from(receiveId)]);
}

describe('the signature', () => {
  it('is the sha1 of the four fields sorted and joined, as a Hash object computes it, for any input', () => {
    const reference = (...fields: string[]) =>
      createHash('sha1').update(fields.sort().join('')).digest('hex');
    const wrong: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      const fields = [0, 1, 2, 3].map((f) => {
        const bytes = randomBytes(f === 3 ? (i * 37) % 3_000 : (i * 7 + f * 13) % 97);
        // base64, digits, and text with CJK and astral characters, as tokens and nonces may hold
        return f === 3 ? bytes.toString('base64') : f === 1 ? String(i) : `${bytes.toString('latin1')}查询😀`;
      }) as [string, string, string, string];
      if (signature(...fields) !== reference(...fields)) wrong.push(JSON.stringify(fields));
    }
    expect(wrong).toEqual([]);
  });
});

describe('WXBizMsgCrypt against the official vectors', () => {
  it.each(all)('%s: signature, decryption and bit-exact re-encryption', (_name, set, c) => {
    expect(signature(set.token, c.timestamp, c.nonce, c.encrypted)).toBe(c.msgSignature);
    const key = aesKeyFrom(set.encodingAesKey);
    const opened = openEnvelope(
      { token: set.token, key, receiveId: set.receiveId },
      { msgSignature: c.msgSignature, timestamp: c.timestamp, nonce: c.nonce },
      c.encrypted,
    );
    expect(opened.message).toBe(c.expectedPlaintext);
    expect(opened.receiveId).toBe(set.receiveId);
    expect(encrypt(key, opened.message, set.receiveId, opened.random)).toBe(c.encrypted);
  });
});

describe('WXBizMsgCrypt refuses every malformed input', () => {
  const set = sets[0] as VectorSet;
  const c = set.cases[1] as Case;
  const key = aesKeyFrom(set.encodingAesKey);
  const options = { token: set.token, key, receiveId: set.receiveId };
  const query = { msgSignature: c.msgSignature, timestamp: c.timestamp, nonce: c.nonce };
  const random = Buffer.from('0123456789abcdef');

  it('refuses a wrong signature, a changed timestamp and a flipped ciphertext bit', () => {
    expect(
      failure(() => openEnvelope(options, { ...query, msgSignature: '0'.repeat(40) }, c.encrypted)),
    ).toBe('bad-signature');
    expect(failure(() => openEnvelope(options, { ...query, timestamp: '1409659814' }, c.encrypted))).toBe(
      'bad-signature',
    );
    const bytes = Buffer.from(c.encrypted, 'base64');
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] as number) ^ 1;
    const flipped = bytes.toString('base64');
    expect(failure(() => openEnvelope(options, query, flipped))).toBe('bad-signature');
    // even with a matching signature, the flipped block decrypts to garbage that the checks reject
    expect(failure(() => decrypt(key, flipped, set.receiveId))).not.toBe('accepted');
  });

  it('refuses a wrong key', () => {
    const other = aesKeyFrom('6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt');
    expect(failure(() => decrypt(other, c.encrypted, set.receiveId))).not.toBe('accepted');
    expect(failure(() => aesKeyFrom('too-short'))).toBe('bad-key');
  });

  it('refuses pad 0 and pad 33, and unequal pad bytes', () => {
    const body = frame(random, 'hello', set.receiveId);
    const fill = 64 - body.length;
    const withPad = (last: number, rest: number) =>
      Buffer.concat([body, Buffer.alloc(fill - 1, rest), Buffer.from([last])]);
    expect(failure(() => decrypt(key, rawEncrypt(key, withPad(0, 0)), set.receiveId))).toBe('bad-padding');
    expect(failure(() => decrypt(key, rawEncrypt(key, withPad(33, 33)), set.receiveId))).toBe('bad-padding');
    expect(failure(() => decrypt(key, rawEncrypt(key, withPad(fill, 7)), set.receiveId))).toBe('bad-padding');
    expect(failure(() => decrypt(key, rawEncrypt(key, withPad(fill, fill)), set.receiveId))).toBe('accepted');
  });

  it('refuses a length field that overruns the message', () => {
    const body = frame(random, 'hello', set.receiveId, 1000);
    const pad = 32 - (body.length % 32);
    expect(
      failure(() =>
        decrypt(key, rawEncrypt(key, Buffer.concat([body, Buffer.alloc(pad, pad)])), set.receiveId),
      ),
    ).toBe('bad-length');
  });

  it('refuses a wrong receiveid', () => {
    expect(failure(() => decrypt(key, c.encrypted, 'wx-someone-else'))).toBe('bad-receiveid');
    expect(failure(() => decrypt(key, encrypt(key, 'x', ''), set.receiveId))).toBe('bad-receiveid');
  });

  it('refuses a body that is not base64 or not whole blocks', () => {
    expect(failure(() => decrypt(key, '这不是base64', set.receiveId))).toBe('bad-base64');
    expect(failure(() => decrypt(key, 'abc', set.receiveId))).toBe('bad-base64');
    expect(failure(() => decrypt(key, Buffer.alloc(20).toString('base64'), set.receiveId))).toBe('bad-block');
  });

  it('draws a fresh random prefix for every message when none is given', () => {
    const a = encrypt(key, '你好', set.receiveId);
    const b = encrypt(key, '你好', set.receiveId);
    expect(a).not.toBe(b);
    expect(decrypt(key, a, set.receiveId).random.equals(decrypt(key, b, set.receiveId).random)).toBe(false);
    expect(decrypt(key, b, set.receiveId).message).toBe('你好');
  });

  it('pads to 32-byte blocks, not 16', () => {
    for (const msg of ['', 'a', 'x'.repeat(11), 'x'.repeat(12), '你好'.repeat(50)]) {
      const out = Buffer.from(encrypt(key, msg, 'id', random), 'base64');
      expect(out.length % 32).toBe(0);
      expect(decrypt(key, out.toString('base64'), 'id').message).toBe(msg);
    }
  });
});

describe('one cipher per key for every message', () => {
  const key = aesKeyFrom((sets[0] as VectorSet).encodingAesKey);
  const other = aesKeyFrom('jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C');

  /** What a fresh AES-256-CBC cipher with IV = key[0..16) makes of the same padded frame. */
  function freshEncrypt(k: Buffer, random: Buffer, msg: string, receiveId: string): string {
    const body = frame(random, msg, receiveId);
    const pad = 32 - (body.length % 32);
    return rawEncrypt(k, Buffer.concat([body, Buffer.alloc(pad, pad)]));
  }

  it('gives every message the bytes a fresh cipher gives, whatever came before, with either key, refusals included', () => {
    const messages = ['', 'a', '你好'.repeat(40), 'x'.repeat(31), 'y'.repeat(1000), '{"msgtype":"text"}'];
    for (let round = 0; round < 3; round++) {
      for (const [i, msg] of messages.entries()) {
        const k = (round + i) % 2 === 0 ? key : other;
        const random = Buffer.alloc(16, round * 16 + i);
        const sealed = encrypt(k, msg, 'wx-corp', random);
        expect(sealed).toBe(freshEncrypt(k, random, msg, 'wx-corp'));
        // a refused message in between leaves the next ones as they should be
        expect(failure(() => decrypt(k, rawEncrypt(k, Buffer.alloc(32, 0)), 'wx-corp'))).toBe('bad-padding');
        const opened = decrypt(k, freshEncrypt(k, random, msg, 'wx-corp'), 'wx-corp');
        expect(opened.message).toBe(msg);
        expect(opened.random.equals(random)).toBe(true);
      }
    }
  });
});
