import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitByBytes } from '../../src/render/split-bytes.ts';

describe('splitByBytes', () => {
  it('keeps short text whole', () => {
    expect(splitByBytes('一\n二', 100)).toEqual(['一\n二']);
  });

  it('splits on line boundaries within the byte limit', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `第${i}行`.padEnd(10, '字'));
    const parts = splitByBytes(lines.join('\n'), 70);
    expect(parts.every((p) => Buffer.byteLength(p) <= 70)).toBe(true);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('never cuts inside a character, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.integer({ min: 4, max: 64 }),
        (text, limit) => {
          const parts = splitByBytes(text, limit);
          for (const p of parts) {
            expect(Buffer.byteLength(p)).toBeLessThanOrEqual(limit);
            // a part that survives a UTF-8 round trip has no half of a character in it
            expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
          }
          expect(parts.join('').replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
        },
      ),
      { numRuns: 500 },
    );
  });
});
