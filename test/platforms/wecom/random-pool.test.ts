import { describe, expect, it } from 'vitest';
import { randomHex, randomInto } from '../../../src/platforms/wecom/random-pool.ts';

describe('random pool', () => {
  it('hands out every byte once, across refills of its page', () => {
    const seen = new Set<string>();
    // 16-byte draws over several 4 KiB pages: a byte handed out twice would repeat a draw
    for (let i = 0; i < 2_000; i++) {
      const out = Buffer.alloc(16);
      randomInto(out, 0, 16);
      seen.add(out.toString('hex'));
    }
    expect(seen.size).toBe(2_000);
  });

  it('fills only the range asked for, also past the size of a page', () => {
    for (const length of [5, 5_000]) {
      const out = Buffer.alloc(length + 8);
      randomInto(out, 4, length);
      expect(out.subarray(0, 4).equals(Buffer.alloc(4))).toBe(true);
      expect(out.subarray(length + 4).equals(Buffer.alloc(4))).toBe(true);
      expect(out.subarray(4, length + 4).equals(Buffer.alloc(length))).toBe(false);
    }
  });

  it('makes hex ids of the length asked for', () => {
    expect(randomHex(8)).toMatch(/^[0-9a-f]{16}$/);
    expect(randomHex(8)).not.toBe(randomHex(8));
  });
});
