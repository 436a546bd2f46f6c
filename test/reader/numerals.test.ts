import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/reader/numerals.ts';

describe('parseNumber reads Arabic and Chinese numerals', () => {
  it.each([
    ['5', 5],
    ['3.2', 3.2],
    ['12', 12],
    ['五', 5],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['两', 2],
    ['三点五', 3.5],
    ['一千二百', 1200],
    ['一百零五', 105],
    ['1千', 1000],
    ['2万5千', 25000],
    ['三亿五千万', 350_000_000],
    ['壹佰', 100],
  ])('%s is %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(['', 'abc', '一二', '1.2.3', '五块', '点'])('%s is not a number', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});
