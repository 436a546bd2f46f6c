import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAmounts } from '../../src/reader/find-amounts.ts';
import { findDates } from '../../src/reader/find-dates.ts';

// A Thursday.
const now = new Date('2026-11-26T10:00:00+08:00');

const ROWS: Array<[string, Array<[raw: string, date: string]>]> = [
  ['6月1日开工', [['6月1日', '2026-06-01']]],
  ['于2026年6月1日签约', [['2026年6月1日', '2026-06-01']]],
  ['上周四签的', [['上周四', '2026-11-19']]],
  ['昨天到账', [['昨天', '2026-11-25']]],
  ['5月28号下午签了合同', [['5月28号下午', '2026-05-28']]],
  ['合同额5.28亿，年产30万吨', []],
  [
    '5.28签约，6.1开工',
    [
      ['5.28', '2026-05-28'],
      ['6.1', '2026-06-01'],
    ],
  ],
  ['一周三次', []],
  ['3号楼已封顶，1号线通车', []],
  ['本月3号到位8000万', [['本月3号', '2026-11-03']]],
  ['上个月20号签约', [['上个月20号', '2026-10-20']]],
  ['2月30日签约', []],
  ['月底前完成', []],
  [
    '今天上午开了会，明天再议',
    [
      ['今天上午', '2026-11-26'],
      ['明天', '2026-11-27'],
    ],
  ],
  ['二〇二六年五月二十八日举行签约仪式', [['二〇二六年五月二十八日', '2026-05-28']]],
  ['20260528签约', [['20260528', '2026-05-28']]],
  ['增长1.5倍，达到1.2万', []],
  [
    '2026-06-01开工，2026/7/1投产',
    [
      ['2026-06-01', '2026-06-01'],
      ['2026/7/1', '2026-07-01'],
    ],
  ],
  ['周三去了企业', [['周三', '2026-11-25']]],
  ['15日内办结', []],
  ['第3号文件', []],
  ['合同额7亿元，6月1日签约', [['6月1日', '2026-06-01']]],
  ['大前天对接了企业', [['大前天', '2026-11-23']]],
  ['这周二带队外出招商', [['这周二', '2026-11-24']]],
  ['2026年产值5亿', []],
];

describe('findDates finds every date in a sentence', () => {
  it.each(ROWS)('%s', (text, expected) => {
    const found = findDates(text, now);
    expect(found.map((f) => [f.raw, f.date])).toEqual(expected);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.raw);
  });
});

describe('properties', () => {
  const prose = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc
      .array(
        fc.constantFrom(
          ...['上', '本', '周', '月', '年', '日', '号', '5', '28', '.', '-', '/', '2026', '二', '十', '〇'],
          ...['今天', '下午', '3点', '亿', '万', '吨', '楼', '签约', '，', ' ', '9'.repeat(20)],
        ),
        { maxLength: 30 },
      )
      .map((xs) => xs.join('')),
  );

  it('never throws, and spans lie inside the text in order without overlapping', () => {
    fc.assert(
      fc.property(prose, (text) => {
        let last = 0;
        for (const f of findDates(text, now)) {
          expect(f.start).toBeGreaterThanOrEqual(last);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          last = f.end;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never takes an amount for a date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 99 }),
        fc.constantFrom('亿', '万', '万元', '亿元'),
        (a, b, unit) => {
          const text = `合同额${a}.${b}${unit}`;
          expect(findDates(text, now)).toEqual([]);
          expect(findAmounts(text)).toHaveLength(1);
        },
      ),
    );
  });
});
