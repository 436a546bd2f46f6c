import { describe, expect, it } from 'vitest';
import { looksLikeAmount, parseAmount } from '../../src/reader/amount.ts';

describe('parseAmount stores every amount in 万元', () => {
  it.each([
    ['5亿', 50_000],
    ['3.2亿元', 32_000],
    ['12亿', 120_000],
    ['8000万', 8000],
    ['8000万元', 8000],
    ['五亿', 50_000],
    ['十二亿', 120_000],
    ['两亿', 20_000],
    ['三点五亿', 35_000],
    ['500000元', 50],
    ['12345元', 1.2345],
    ['0.1亿', 1000],
    ['1,200万', 1200],
  ])('%s = %d 万元', (text, wan) => {
    expect(parseAmount(text)).toBe(wan);
  });

  it('asks for the unit instead of guessing one', () => {
    expect(() => parseAmount('5')).toThrow(/没有单位.*5亿、5万 还是 5元/);
  });

  it('refuses zero, nonsense and slipped units', () => {
    expect(() => parseAmount('0万')).toThrow(/大于零/);
    expect(() => parseAmount('很多钱')).toThrow(/看不懂金额/);
    expect(() => parseAmount('5000000亿')).toThrow(/超过 1万亿元/);
  });

  it('recognises amount-looking tokens for positional fields', () => {
    expect(looksLikeAmount('8000万')).toBe(true);
    expect(looksLikeAmount('8000')).toBe(true);
    expect(looksLikeAmount('银行回单')).toBe(false);
  });
});
