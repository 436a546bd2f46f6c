import { describe, expect, it } from 'vitest';
import { formatWan, sumWan } from '../../src/domain/money.ts';

describe('amounts are 万元 inside and shown by one rule', () => {
  it.each([
    [0, '0万元'],
    [400, '400万元'],
    [1000, '1000万元'],
    [8000.5, '8000.5万元'],
    [1.2345, '1.2345万元'],
    [9999.9999, '9999.9999万元'],
    [10_000, '1亿元'],
    [120_000, '12亿元'],
    [641_000, '64.1亿元'],
    [778_600, '77.86亿元'],
    [778_649.99, '77.86亿元'],
    [48_933, '4.89亿元'],
    [12_345.6789, '1.23亿元'],
    [2916.666666, '2916.6667万元'],
  ])('%d 万元 → %s', (wan, text) => {
    expect(formatWan(wan)).toBe(text);
  });

  it('adds in whole 元 so that many small amounts never drift', () => {
    expect(sumWan(Array.from({ length: 10 }, () => 0.1))).toBe(1);
    expect(sumWan([0.0001, 0.0002])).toBe(0.0003);
  });
});
