import { describe, expect, it } from 'vitest';
import { formatWan, formatWanShort, formatYi1, sumWan } from '../../src/domain/money.ts';

describe('amounts are 万元 inside and shown as people write them', () => {
  it.each([
    [0, '0万元'],
    [1000, '1000万元'],
    [8000, '8000万元'],
    [1.2345, '1.2345万元'],
    [10_000, '1亿元'],
    [120_000, '12亿元'],
    [641_000, '64.1亿元'],
    [12_345.6789, '1.2346亿元'],
  ])('%d 万元 → %s', (wan, text) => {
    expect(formatWan(wan)).toBe(text);
  });

  it('keeps whole numbers whole in the short form', () => {
    expect(formatWanShort(0)).toBe('0万');
    expect(formatWanShort(1000)).toBe('1000万');
    expect(formatWanShort(100_000)).toBe('10亿');
    expect(formatWanShort(57_200)).toBe('5.72亿');
  });

  it('rounds headline figures to one decimal of 亿 like the seed', () => {
    expect(formatYi1(641_000)).toBe('64.1亿元');
    expect(formatYi1(61_000)).toBe('6.1亿元');
    expect(formatYi1(60_960)).toBe('6.1亿元');
  });

  it('adds in whole 元 so that many small amounts never drift', () => {
    expect(sumWan(Array.from({ length: 10 }, () => 0.1))).toBe(1);
    expect(sumWan([0.0001, 0.0002])).toBe(0.0003);
  });
});
