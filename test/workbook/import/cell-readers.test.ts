import { describe, expect, it } from 'vitest';
import { readAmount, readDate, readProblems } from '../../../src/workbook/import/cell-readers.ts';
import type { RawCell } from '../../../src/workbook/import/cell-values.ts';

const num = (value: number): RawCell => ({ kind: 'number', value });
const text = (t: string): RawCell => ({ kind: 'text', text: t });
const WAN = 4;
const YI = 8;

describe('an amount cell', () => {
  it('is converted from the header’s unit exactly, as a decimal, to the 元', () => {
    expect(readAmount(num(12.345678), YI)).toEqual({ ok: true, value: 123456.78 });
    expect(readAmount(num(0.1 + 0.2), YI)).toEqual({ ok: true, value: 3000 });
    expect(readAmount(num(1.23456), WAN)).toEqual({ ok: true, value: 1.2346 });
    expect(readAmount(num(500000), 0)).toEqual({ ok: true, value: 50 });
    expect(readAmount(text('1,200.5'), WAN)).toEqual({ ok: true, value: 1200.5 });
    expect(readAmount(text(' ３.５亿 '), WAN)).toEqual({ ok: true, value: 35000 });
    expect(readAmount(text('8000万'), YI)).toEqual({ ok: true, value: 8000 });
  });

  it('is never guessed: approximate words, negatives, absurd sizes and a missing unit are problems', () => {
    expect(readAmount(text('约5个亿'), WAN)).toEqual({ ok: false, problem: '看不懂「约5个亿」' });
    expect(readAmount(text('-5'), WAN)).toEqual({ ok: false, problem: '金额「-5」不能是负数' });
    expect(readAmount(num(2e8), YI)).toEqual({
      ok: false,
      problem: '金额「200000000」超过 1万亿元，请检查单位',
    });
    expect(readAmount(num(5), null)).toBeNull();
    expect(readAmount(text('5亿'), null)).toEqual({ ok: true, value: 50000 });
  });
});

describe('a date cell', () => {
  it('reads a date, a serial (1900 and 1904 systems) and the ways people type one, as a Shanghai calendar day', () => {
    expect(readDate({ kind: 'date', date: new Date('2023-03-05T00:00:00Z') }, false)).toEqual({
      ok: true,
      value: '2023-03-05',
    });
    // a time of day late in the evening is still that day: Excel keeps the wall clock
    expect(readDate({ kind: 'date', date: new Date('2023-03-05T23:30:00Z') }, false)).toMatchObject({
      value: '2023-03-05',
    });
    expect(readDate(num(44990), false)).toEqual({ ok: true, value: '2023-03-05' });
    expect(readDate(num(44990.9), false)).toEqual({ ok: true, value: '2023-03-05' });
    expect(readDate(num(43528), true)).toEqual({ ok: true, value: '2023-03-05' });
    for (const t of [
      '2023-3-5',
      '2023/03/05',
      '2023年3月5日',
      '2023.3.5',
      '20230305',
      '2023-03-05 14:30:00',
      '２０２３年３月５日',
    ])
      expect(readDate(text(t), false), t).toEqual({ ok: true, value: '2023-03-05' });
  });

  it('refuses what is not a day', () => {
    expect(readDate(text('2023-02-30'), false)).toEqual({ ok: false, problem: '日期「2023-02-30」不存在' });
    expect(readDate(text('3月5日'), false).ok).toBe(false);
    expect(readDate(text('2023年3月'), false).ok).toBe(false);
    expect(readDate(num(12), false).ok).toBe(false);
  });
});

describe('a 问题 cell', () => {
  it('is one problem a line or between 「；」, with its category when it leads', () => {
    expect(readProblems(text('土地：报批未完成；【资金】融资未落实\n企业希望明确电价'))).toEqual([
      { category: '土地', text: '报批未完成' },
      { category: '资金', text: '融资未落实' },
      { category: '其他', text: '企业希望明确电价' },
    ]);
  });
});
