import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULES } from '../../src/domain/push-kinds.ts';
import { calendarCovers, nextWorkingDay } from '../../src/push/calendar.ts';
import { latestDueSlot } from '../../src/push/schedule.ts';
import { isoShanghai } from '../../src/time/clock.ts';

const since = new Date('2020-01-01T00:00:00Z');
const due = (cron: string, utc: string, shiftToWorkday = false) => {
  const slot = latestDueSlot(cron, new Date(utc), { shiftToWorkday, since });
  return slot ? isoShanghai(slot).slice(0, 16) : null;
};

describe('schedules fire at Shanghai time on a UTC machine', () => {
  it('runs 半月调度 at 09:00 Shanghai on the 1st and the 16th, which is 01:00 UTC', () => {
    expect(new Date().getTimezoneOffset()).toBe(0); // the test machine runs in UTC
    expect(due(DEFAULT_SCHEDULES.halfMonth, '2026-03-16T00:59:59Z')).toBe('2026-03-01T09:00');
    expect(due(DEFAULT_SCHEDULES.halfMonth, '2026-03-16T01:00:00Z')).toBe('2026-03-16T09:00');
  });

  it('handles 16 February', () => {
    expect(due(DEFAULT_SCHEDULES.halfMonth, '2025-02-16T01:00:00Z')).toBe('2025-02-16T09:00');
    expect(due(DEFAULT_SCHEDULES.halfMonth, '2025-02-16T00:30:00Z')).toBe('2025-02-01T09:00');
  });

  it('crosses month ends by Shanghai date, not UTC date', () => {
    // 2026-01-31 16:30 UTC is already 1 February 00:30 in Shanghai: 每月通报 is still due at 09:00
    expect(due(DEFAULT_SCHEDULES.monthly, '2026-01-31T16:30:00Z')).toBe('2026-01-01T09:00');
    expect(due(DEFAULT_SCHEDULES.monthly, '2026-02-01T01:00:00Z')).toBe('2026-02-01T09:00');
    expect(due(DEFAULT_SCHEDULES.monthly, '2024-03-01T01:00:00Z')).toBe('2024-03-01T09:00'); // after 29 Feb
  });

  it('starts 季度晾晒 on the first day of a quarter', () => {
    // mid-quarter nothing is due: a slot older than the 40-day catch-up window is never sent late
    expect(due(DEFAULT_SCHEDULES.quarterly, '2026-07-01T00:59:00Z')).toBeNull();
    expect(due(DEFAULT_SCHEDULES.quarterly, '2026-07-01T01:00:00Z')).toBe('2026-07-01T09:00');
    expect(due(DEFAULT_SCHEDULES.annual, '2026-01-02T01:00:00Z')).toBe('2026-01-02T09:00');
  });

  it('moves a push that falls on a holiday to the next working day', () => {
    // 1 October 2026 is National Day: 季度晾晒 goes out on the first working day after the holiday
    const firstWorkingDay = nextWorkingDay('2026-10-01');
    expect(firstWorkingDay > '2026-10-01').toBe(true);
    expect(due(DEFAULT_SCHEDULES.quarterly, '2026-10-01T01:00:00Z', true)).toBeNull();
    expect(due(DEFAULT_SCHEDULES.quarterly, '2026-10-01T01:00:00Z', false)).toBe('2026-10-01T09:00');
    expect(due(DEFAULT_SCHEDULES.quarterly, `${firstWorkingDay}T01:00:00Z`, true)).toBe(
      `${firstWorkingDay}T09:00`,
    );
    // the Spring Festival holiday of 2026 covers 16 February
    const afterFestival = nextWorkingDay('2026-02-16');
    expect(afterFestival > '2026-02-16').toBe(true);
    expect(due(DEFAULT_SCHEDULES.halfMonth, `${afterFestival}T01:00:00Z`, true)).toBe(
      `${afterFestival}T09:00`,
    );
    // a Sunday 1st moves to Monday
    expect(due(DEFAULT_SCHEDULES.monthly, '2026-03-02T01:00:00Z', true)).toBe('2026-03-02T09:00');
  });

  it('knows which years the holiday calendar covers', () => {
    expect(calendarCovers(2026)).toBe(true);
    expect(calendarCovers(2099)).toBe(false);
  });

  it('never catches up a slot from before the scheduler first started', () => {
    const slot = latestDueSlot(DEFAULT_SCHEDULES.halfMonth, new Date('2026-03-20T01:00:00Z'), {
      shiftToWorkday: false,
      since: new Date('2026-03-17T00:00:00Z'),
    });
    expect(slot).toBeNull();
  });
});

describe('报送提醒 comes at 16:00 Shanghai the day before each 半月调度 cut-off', () => {
  const reminder = (utc: string, shiftToWorkday = false) =>
    latestDueSlot(DEFAULT_SCHEDULES.reminder, new Date(utc), { shiftToWorkday, since, back: true });
  const at = (utc: string, shift = false) => {
    const slot = reminder(utc, shift);
    return slot ? isoShanghai(slot).slice(0, 16) : null;
  };

  it('fires on the 15th and on the last day of the month at 16:00 Shanghai, which is 08:00 UTC', () => {
    expect(new Date().getTimezoneOffset()).toBe(0);
    expect(at('2026-10-15T07:59:59Z')).toBe('2026-09-30T16:00');
    expect(at('2026-10-15T08:00:00Z')).toBe('2026-10-15T16:00');
    expect(at('2026-10-31T08:00:00Z')).toBe('2026-10-31T16:00');
    // February has no 30th: the day before 1 March is the 28th
    expect(at('2026-02-28T08:00:00Z')).toBe('2026-02-28T16:00');
  });

  it('on a holiday moves back to the previous working day, so it still comes before the cut-off', () => {
    // Sunday 31 May 2026: the reminder goes out on Friday the 29th
    expect(at('2026-05-29T08:00:00Z', true)).toBe('2026-05-29T16:00');
    expect(at('2026-05-31T08:00:00Z', true)).toBe('2026-05-29T16:00');
    // the others move forward: the same rule, the other way
    expect(due(DEFAULT_SCHEDULES.monthly, '2026-03-02T01:00:00Z', true)).toBe('2026-03-02T09:00');
  });
});
