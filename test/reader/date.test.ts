import { describe, expect, it } from 'vitest';
import { parseDate, parsePastDate } from '../../src/reader/date.ts';

// 00:30 on 1 July in Shanghai is still 30 June in UTC: dates must follow Shanghai.
const now = new Date('2023-07-01T00:30:00+08:00');

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

  it('knows leap years', () => {
    expect(parseDate('2024-02-29', now)).toBe('2024-02-29');
    expect(() => parseDate('2023-02-29', now)).toThrow(/不存在/);
  });

  it('refuses what is not a date', () => {
    expect(() => parseDate('下周', now)).toThrow(/看不懂日期/);
    expect(() => parseDate('2023-13-01', now)).toThrow(/不存在/);
  });

  it('refuses a future date for events that already happened', () => {
    expect(() => parsePastDate('2023-07-02', now)).toThrow(/今天之后/);
    expect(parsePastDate('今天', now)).toBe('2023-07-01');
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
