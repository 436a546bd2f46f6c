import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDate } from '../../src/time/clock.ts';

// the straightforward forms the fast ones replaced: every answer must stay exactly theirs
const reference = {
  localDate: (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
  daysBetween: (a: string, b: string) =>
    Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000),
  addDays: (d: string, n: number) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10),
};

/** Every day from 1899-12-25 to 2101-01-05: all month ends, leap days, 1900 and 2100 (not leap), 2000 (leap). */
function everyDay(): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(1899, 11, 25); t <= Date.UTC(2101, 0, 5); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

describe('the calendar arithmetic answers exactly as Date strings do', () => {
  const days = everyDay();

  it('counts the days between any two dates as the string form does', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed;
    };
    const wrong: string[] = [];
    for (let i = 0; i < days.length; i++) {
      const a = days[i] as string;
      for (const b of [days[i + 1], days[i + 28], days[i + 365], days[next() % days.length]]) {
        if (b === undefined) continue;
        if (daysBetween(a, b) !== reference.daysBetween(a, b)) wrong.push(`${a}→${b}`);
        if (daysBetween(b, a) !== reference.daysBetween(b, a)) wrong.push(`${b}→${a}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('adds days across month ends, leap days and years as the string form does', () => {
    const wrong: string[] = [];
    for (const d of days)
      for (const n of [0, 1, -1, 28, 29, 30, 31, -31, 59, 365, 366, -366, 1461])
        if (addDays(d, n) !== reference.addDays(d, n)) wrong.push(`${d}+${n}`);
    expect(wrong).toEqual([]);
  });

  it('reads what is not a real date as Date.parse does (overflowing, or not at all)', () => {
    for (const d of [
      '2026-02-29',
      '2024-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '0099-03-01',
      '2026-1-01',
      '2026/01/01',
      '',
      'abcd-ef-gh',
      '２０２６-01-01',
    ]) {
      expect(daysBetween('2026-01-01', d)).toEqual(reference.daysBetween('2026-01-01', d));
      if (Number.isNaN(reference.daysBetween('2026-01-01', d)))
        expect(() => addDays(d, 1)).toThrow(RangeError);
      else expect(addDays(d, 1)).toBe(reference.addDays(d, 1));
    }
  });

  it("gives Shanghai's date of any moment, also when moments of different days alternate", () => {
    const moments: Date[] = [];
    for (let t = Date.UTC(1999, 11, 30); t < Date.UTC(2001, 2, 3); t += 3_599_999) moments.push(new Date(t));
    // around Shanghai's midnight (16:00 UTC), to the millisecond
    const midnight = Date.UTC(2024, 1, 28, 16);
    for (const dt of [-1, 0, 1, 86_400_000 - 1, 86_400_000]) moments.push(new Date(midnight + dt));
    const wrong = [...moments, ...moments.reverse()].filter(
      (at) => localDate(at) !== reference.localDate(at),
    );
    expect(wrong).toEqual([]);
    expect(() => localDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
