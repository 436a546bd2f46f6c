import { describe, expect, it } from 'vitest';
import { exportPeriod } from '../../src/workbook/export/export-period.ts';

const TODAY = '2026-11-29';

describe('the year and day an export covers', () => {
  it('is this year up to today when nothing is asked', () => {
    expect(exportPeriod(TODAY, {})).toEqual({ year: 2026, asOf: '2026-11-29' });
  });

  it('is a past year whole, and this year up to today, when a year is named', () => {
    expect(exportPeriod(TODAY, { year: '2023' })).toEqual({ year: 2023, asOf: '2023-12-31' });
    expect(exportPeriod(TODAY, { year: 2026 })).toEqual({ year: 2026, asOf: '2026-11-29' });
  });

  it('takes its year from the day when only a day is named', () => {
    expect(exportPeriod(TODAY, { asOf: '2023-06-30' })).toEqual({ year: 2023, asOf: '2023-06-30' });
    expect(exportPeriod(TODAY, { year: '2023', asOf: '2023-06-30' })).toEqual({
      year: 2023,
      asOf: '2023-06-30',
    });
  });

  it('refuses, in Chinese, a year or day that cannot be exported', () => {
    expect(() => exportPeriod(TODAY, { year: '2027' })).toThrow('2027 年还没到（今年是 2026 年）');
    expect(() => exportPeriod(TODAY, { year: '23' })).toThrow('年份「23」不对');
    expect(() => exportPeriod(TODAY, { asOf: '2023-02-30' })).toThrow('日期「2023-02-30」不对');
    expect(() => exportPeriod(TODAY, { asOf: '2023/6/30' })).toThrow('日期「2023/6/30」不对');
    expect(() => exportPeriod(TODAY, { asOf: '2026-12-01' })).toThrow('在今天（2026-11-29）之后');
    expect(() => exportPeriod(TODAY, { year: '2024', asOf: '2023-06-30' })).toThrow('不在 2024 年内');
  });
});
