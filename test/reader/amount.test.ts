import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.ts';
import { isBareNumber, looksLikeAmount, parseAmount, readAmount } from '../../src/reader/amount.ts';
import { chineseNumeral, financial, withLiang } from '../helpers/chinese-numerals.ts';

describe('parseAmount stores every amount in exact 万元', () => {
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
    // mixed units
    ['二亿四千万', 24_000],
    ['2亿3千万', 23_000],
    ['1亿零800万', 10_800],
    ['5亿8000万', 58_000],
    ['5亿8000万元', 58_000],
    ['1亿2千万', 12_000],
    ['3亿零5万', 30_005],
    ['一亿零五万', 10_005],
    ['一千零五十万', 1050],
    ['一百二十亿', 1_200_000],
    // spoken shorthand: the last digit takes the next lower unit
    ['3亿5', 35_000],
    ['四亿五', 45_000],
    ['一亿二', 12_000],
    ['两千五百万', 2500],
    ['两千五万', 2500],
    ['2万5', 2.5],
    ['2万5000', 2.5],
    // 个亿
    ['两个亿', 20_000],
    ['一个亿', 10_000],
    ['2.5个亿', 25_000],
    ['二十个亿', 200_000],
    ['5个亿', 50_000],
    // 整, 元整, 人民币, ¥ anywhere around it
    ['七千万元整', 7000],
    ['3000万元整', 3000],
    ['4亿元人民币', 40_000],
    ['人民币3000万元', 3000],
    ['人民币壹亿贰仟万元整', 12_000],
    ['¥500万', 500],
    // separators and spaces
    ['2,500万', 2500],
    ['12,000万元', 12_000],
    ['1,234,567元', 123.4567],
    ['8 亿', 80_000],
    ['5亿 8000万', 58_000],
    // financial numerals
    ['贰亿伍仟万', 25_000],
    ['壹仟万元', 1000],
    // decimals without float drift
    ['1.25亿', 12_500],
    ['0.35亿', 3500],
    ['2.35亿', 23_500],
    ['6.8亿元', 68_000],
    ['4.6亿', 46_000],
    ['0.07亿', 700],
    ['1.5万', 1.5],
    ['1.5千万', 1500],
    // small units before 万
    ['3千万', 3000],
    ['三千万', 3000],
    ['八百万', 800],
    ['五十万', 50],
    ['50万元', 50],
    ['十万', 10],
    ['9999亿', 99_990_000],
    ['1万亿', 100_000_000],
  ])('%s = %d 万元', (text, wan) => {
    expect(parseAmount(text)).toBe(wan);
  });
});

describe('readAmount reports how approximate the amount was written', () => {
  it.each([
    ['约5亿', 50_000, '约'],
    ['大约1.5亿', 15_000, '大约'],
    ['近3000万', 3000, '近'],
    ['将近8000万', 8000, '将近'],
    ['超过2亿', 20_000, '超过'],
    ['超5亿', 50_000, '超'],
    ['逾10亿', 100_000, '逾'],
    ['5亿多', 50_000, '多'],
    ['五千多万', 5000, '多'],
    ['3000余万元', 3000, '余'],
    ['1亿左右', 10_000, '左右'],
    ['约人民币5亿元', 50_000, '约'],
    ['5亿', 50_000, null],
    ['七千万元整', 7000, null],
  ])('%s = %d 万元, qualifier %s', (text, wan, qualifier) => {
    expect(readAmount(text)).toEqual({ wan, qualifier });
  });
});

describe('refusals say what was wrong', () => {
  it('asks for the unit instead of guessing one', () => {
    expect(() => parseAmount('5')).toThrow(/没有单位.*5亿、5万 还是 5元/);
    expect(() => parseAmount('两千五')).toThrow(/没有单位/);
  });

  it('names the part it could not read, never calling it too large', () => {
    for (const [text, part] of [
      ['五亿八千万多少', '多少'],
      ['5亿abc', 'abc'],
      ['3亿5000', '5000'],
      ['5亿美元', '美元'],
    ] as const) {
      let message = '';
      try {
        parseAmount(text);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain(`「${part}」`);
      expect(message).not.toMatch(/超过 1万亿元/);
    }
  });

  it('refuses zero, nonsense and slipped units', () => {
    expect(() => parseAmount('0万')).toThrow(/大于零/);
    expect(() => parseAmount('很多钱')).toThrow(/看不懂金额/);
    expect(() => parseAmount('亿')).toThrow(/看不懂金额/);
    expect(() => parseAmount('个亿')).toThrow(/看不懂金额/);
    expect(() => parseAmount('5000000亿')).toThrow(/超过 1万亿元/);
    expect(() => parseAmount('1万亿零1元')).toThrow(/超过 1万亿元/);
    expect(() => parseAmount(`${'9'.repeat(300)}亿`)).toThrow(/超过 1万亿元/);
  });

  it('never repeats more than 40 characters of what was typed', () => {
    for (const text of [`5亿${'x'.repeat(100)}`, 'x'.repeat(100), '9'.repeat(100), `${'9'.repeat(100)}亿`]) {
      try {
        parseAmount(text);
        expect.unreachable();
      } catch (e) {
        expect((e as Error).message).not.toMatch(/[x9]{41}/);
      }
    }
  });
});

describe('numbers written without a unit', () => {
  it.each([
    ['5', 5],
    ['两千五', 2500],
    ['12.5', 12.5],
    ['三', 3],
    ['8000', 8000],
  ])('%s is the bare number %d', (text, n) => {
    expect(isBareNumber(text)).toBe(n);
  });

  it.each(['5亿', '5万', '500元', 'abc', ''])('%s is not a bare number', (text) => {
    expect(isBareNumber(text)).toBeNull();
  });

  it('recognises amount-looking tokens for positional fields', () => {
    expect(looksLikeAmount('8000万')).toBe(true);
    expect(looksLikeAmount('8000')).toBe(true);
    expect(looksLikeAmount('约5亿')).toBe(true);
    expect(looksLikeAmount('银行回单')).toBe(false);
    expect(looksLikeAmount('6月1日')).toBe(false);
  });
});

describe('properties', () => {
  it('reads n万 written in Chinese numerals as exactly n, for every n in 1..99999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), fc.boolean(), fc.boolean(), (n, fin, liang) => {
        const style = (s: string) => (fin ? financial(s) : liang ? withLiang(s) : s);
        expect(parseAmount(style(chineseNumeral(n * 10_000)))).toBe(n);
        if (n < 10_000) expect(parseAmount(`${style(chineseNumeral(n))}万`)).toBe(n);
        expect(parseAmount(`${n}万`)).toBe(n);
      }),
      { numRuns: 3000 },
    );
  });

  it('renders the round-trip numerals the way people write them', () => {
    expect(chineseNumeral(350_000_000)).toBe('三亿五千万');
    expect(chineseNumeral(100_050_000)).toBe('一亿零五万');
    expect(chineseNumeral(100_000)).toBe('十万');
    expect(withLiang(chineseNumeral(220_000_000))).toBe('两亿两千万');
    expect(financial('二亿四千万')).toBe('贰亿肆仟万');
  });

  const junk = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.stringMatching(/^[0-9]{1,400}(\.[0-9]{1,50})?(亿|万|元|个亿)?$/),
    fc
      .array(
        fc.constantFrom(
          ...[
            '1',
            '9',
            '.',
            ',',
            ' ',
            '零',
            '二',
            '两',
            '十',
            '百',
            '千',
            '万',
            '亿',
            '个',
            '元',
            '整',
            '多',
          ],
          ...[
            '余',
            '点',
            '约',
            '超过',
            '人民币',
            '左右',
            'abc',
            '吨',
            '号',
            '月',
            '年',
            '-',
            '/',
            '贰',
            '仟',
          ],
        ),
        { maxLength: 30 },
      )
      .map((xs) => xs.join('')),
  );

  it('never throws anything but a UserError', () => {
    fc.assert(
      fc.property(junk, (text) => {
        for (const read of [() => readAmount(text), () => parseAmount(text), () => isBareNumber(text)]) {
          try {
            read();
          } catch (e) {
            expect(isUserError(e)).toBe(true);
          }
        }
        looksLikeAmount(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('returns only exact amounts between 1元 and 1万亿元', () => {
    fc.assert(
      fc.property(junk, (text) => {
        try {
          const { wan } = readAmount(text);
          expect(wan).toBeGreaterThan(0);
          expect(wan).toBeLessThanOrEqual(100_000_000);
          expect(Number.isInteger(Math.round(wan * 10_000))).toBe(true);
          expect(Math.round(wan * 10_000) / 10_000).toBe(wan);
        } catch (e) {
          expect(isUserError(e)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
