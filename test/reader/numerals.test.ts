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

describe('parseNumber keeps mixed units and spoken shorthand exact', () => {
  it.each([
    ['两千五', 2500],
    ['三百五', 350],
    ['二亿四千万', 240_000_000],
    ['1亿零800万', 108_000_000],
    ['一千零一十', 1010],
    ['贰仟', 2000],
  ])('%s is %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(['二〇二六', '5元', '两个亿', '五千多', '3亿5000', '万', '十十'])(
    '%s is not a plain number',
    (text) => {
      expect(parseNumber(text)).toBeNull();
    },
  );
});
