import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.ts';
import { parseDate, parsePastDate } from '../../src/reader/date.ts';

// 00:30 on 1 July in Shanghai is still 30 June in UTC: dates must follow Shanghai.
const now = new Date('2023-07-01T00:30:00+08:00');
// A Thursday.
const thursday = new Date('2026-11-26T10:00:00+08:00');

describe('parseDate reads every listed form as a Shanghai calendar date', () => {
  it.each([
    ['2023-06-01', '2023-06-01'],
    ['2023/6/1', '2023-06-01'],
    ['2023.6.1', '2023-06-01'],
    ['2023年6月1日', '2023-06-01'],
    ['2023年6月1号', '2023-06-01'],
    ['6月1日', '2023-06-01'],
    ['六月一日', '2023-06-01'],
    ['今天', '2023-07-01'],
    ['昨天', '2023-06-30'],
    ['前天', '2023-06-29'],
  ])('%s → %s', (text, date) => {
    expect(parseDate(text, now)).toBe(date);
  });
});

describe('parseDate reads dates relative to the message time (a Thursday, 2026-11-26)', () => {
  it.each([
    ['5.28', '2026-05-28'],
    ['5-28', '2026-05-28'],
    ['5/28', '2026-05-28'],
    ['20260528', '2026-05-28'],
    ['2026.5.28', '2026-05-28'],
    ['2026-5-28', '2026-05-28'],
    ['2026/05/28', '2026-05-28'],
    ['2026年5月28日', '2026-05-28'],
    ['二〇二六年五月二十八日', '2026-05-28'],
    ['二零二六年五月二十八号', '2026-05-28'],
    ['26年5月28日', '2026-05-28'],
    ['5月28号', '2026-05-28'],
    ['5月28号下午', '2026-05-28'],
    ['5月28日 上午', '2026-05-28'],
    ['5月28日晚上8点', '2026-05-28'],
    ['11月3日中午', '2026-11-03'],
    ['十一月三日', '2026-11-03'],
    ['今日', '2026-11-26'],
    ['昨日', '2026-11-25'],
    ['大前天', '2026-11-23'],
    ['明天', '2026-11-27'],
    ['后天', '2026-11-28'],
    ['上周四', '2026-11-19'],
    ['上周一', '2026-11-16'],
    ['上星期五', '2026-11-20'],
    ['上个礼拜天', '2026-11-22'],
    ['这周二', '2026-11-24'],
    ['本周一', '2026-11-23'],
    ['本周日', '2026-11-29'],
    ['周三', '2026-11-25'],
    ['周四', '2026-11-26'],
    ['周五', '2026-11-20'],
    ['星期日', '2026-11-22'],
    ['周1', '2026-11-23'],
    ['下周一', '2026-11-30'],
    ['上个月20号', '2026-10-20'],
    ['上月31日', '2026-10-31'],
    ['本月3号', '2026-11-03'],
    ['这个月1日', '2026-11-01'],
    ['下个月5号', '2026-12-05'],
    ['3号', '2026-11-03'],
    ['28日', '2026-11-28'],
  ])('%s → %s', (text, date) => {
    expect(parseDate(text, thursday)).toBe(date);
  });

  it('crosses month and year boundaries', () => {
    const saturday = new Date('2026-01-10T09:00:00+08:00');
    expect(parseDate('上个月20号', saturday)).toBe('2025-12-20');
    expect(parseDate('上周四', saturday)).toBe('2026-01-01');
    expect(parseDate('周日', saturday)).toBe('2026-01-04');
    // 00:30 on 1 December in Shanghai is 30 November in UTC
    const midnight = new Date('2026-11-30T16:30:00Z');
    expect(parseDate('今天', midnight)).toBe('2026-12-01');
    expect(parseDate('昨天', midnight)).toBe('2026-11-30');
    expect(parseDate('本月3号', midnight)).toBe('2026-12-03');
    expect(parseDate('周一', midnight)).toBe('2026-11-30');
  });
});

describe('parseDate refuses instead of guessing', () => {
  it('knows leap years', () => {
    expect(parseDate('2024-02-29', now)).toBe('2024-02-29');
    expect(() => parseDate('2023-02-29', now)).toThrow(/不存在/);
  });

  it.each(['2月30日', '2026-02-29', '13月1日', '本月31号', '32号', '2026.4.31'])(
    '%s does not exist',
    (text) => {
      expect(() => parseDate(text, thursday)).toThrow(/不存在/);
    },
  );

  it.each([
    ['月底', '11月30日'],
    ['月初', '11月1日'],
    ['月中', '11月15日'],
    ['月末', '11月30日'],
    ['年底', '12月31日'],
    ['年初', '1月1日'],
    ['5月底', '5月31日'],
    ['2月底', '2月28日'],
    ['上个月底', '10月31日'],
    ['下月初', '12月1日'],
    ['中旬', '11月15日'],
  ])('「%s」 asks for the exact day, suggesting %s', (text, example) => {
    expect(() => parseDate(text, thursday)).toThrow(`「${text}」是哪一天？请写具体日期，如 ${example}`);
  });

  it('refuses what is not a date', () => {
    expect(() => parseDate('下周', now)).toThrow(/看不懂日期/);
    expect(() => parseDate('2023-13-01', now)).toThrow(/不存在/);
    expect(() => parseDate('5亿', now)).toThrow(/看不懂日期/);
    expect(() => parseDate('x'.repeat(200), now)).toThrow(/看不懂日期「x{40}…」/);
  });

  it('refuses a future date for events that already happened', () => {
    expect(() => parsePastDate('2023-07-02', now)).toThrow(/今天之后/);
    expect(parsePastDate('今天', now)).toBe('2023-07-01');
    expect(parsePastDate('3号', thursday)).toBe('2026-11-03');
    expect(parsePastDate('周五', thursday)).toBe('2026-11-20');
    for (const text of ['28号', '本周日', '明天', '下周一', '12月1日']) {
      expect(() => parsePastDate(text, thursday)).toThrow(/今天之后/);
    }
  });
});

describe('properties', () => {
  it('never throws anything but a UserError', () => {
    const junk = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.stringMatching(/^[0-9]{1,40}([./-][0-9]{1,5}){0,3}[年月日号]?$/),
      fc
        .array(
          fc.constantFrom(
            '上',
            '本',
            '下',
            '个',
            '周',
            '月',
            '年',
            '日',
            '号',
            '二',
            '十',
            '〇',
            '3',
            '.',
            '底',
            '初',
          ),
          {
            maxLength: 12,
          },
        )
        .map((xs) => xs.join('')),
    );
    fc.assert(
      fc.property(
        junk,
        fc.date({ min: new Date('2001-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }),
        (text, at) => {
          for (const read of [() => parseDate(text, at), () => parsePastDate(text, at)]) {
            try {
              expect(read()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            } catch (e) {
              expect(isUserError(e)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads back every real day written as 年月日 and as digits', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const [y, m, day] = iso.split('-').map(Number);
          expect(parseDate(`${y}年${m}月${day}日`, now)).toBe(iso);
          expect(parseDate(iso.replaceAll('-', ''), now)).toBe(iso);
          expect(parseDate(`${y}.${m}.${day}`, now)).toBe(iso);
        },
      ),
    );
  });
});

describe('Shanghai dates without the time-zone database', () => {
  it('agrees with dayjs tz at the edges of a day and of a year', async () => {
    const { isoShanghai, localDate, shanghai } = await import('../../src/time/clock.ts');
    for (const iso of [
      '2023-06-30T15:59:59.999Z',
      '2023-06-30T16:00:00.000Z',
      '2023-12-31T16:00:00Z',
      '2024-02-28T16:30:00Z',
      '2000-01-01T00:00:00Z',
    ]) {
      const at = new Date(iso);
      expect(localDate(at)).toBe(shanghai(at).format('YYYY-MM-DD'));
      expect(isoShanghai(at)).toBe(shanghai(at).format('YYYY-MM-DDTHH:mm:ss.SSSZ'));
    }
  });
});
