import { describe, expect, it } from 'vitest';
import { add, compare, over, ratioOf, toNumber } from '../../src/race/exact-ratio.ts';

describe('exact fractions for scores', () => {
  it('reads a number as it was written', () => {
    expect(ratioOf(3.7)).toEqual({ n: 37n, d: 10n });
    expect(ratioOf(1e-7)).toEqual({ n: 1n, d: 10_000_000n });
    expect(ratioOf(64100.5)).toEqual({ n: 128201n, d: 2n });
  });

  it('finds sums equal that floating point calls different', () => {
    expect(0.1 + 0.2 === 0.3).toBe(false);
    expect(compare(add(ratioOf(0.1), ratioOf(0.2)), ratioOf(0.3))).toBe(0);
    expect(toNumber(over(ratioOf(5), ratioOf(3)))).toBe(
      toNumber(add(ratioOf(1), over(ratioOf(2), ratioOf(3)))),
    );
  });
});
