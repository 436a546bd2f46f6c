import { daysBetween, type LocalDate } from '../time/clock.ts';
import { monthOf, yearOf } from './period.ts';
import type { RaceSettings } from './settings.ts';

/**
 * 序时进度 as a fraction of the year elapsed at `asOf`: by months, the month `asOf` falls in counts
 * (June → 6/12, "时间过半"); by days, day of year ÷ days in the year.
 */
export function elapsedFraction(asOf: LocalDate, mode: RaceSettings['progressMode']): number {
  if (mode === 'months') return monthOf(asOf) / 12;
  const y = yearOf(asOf);
  const dayOfYear = daysBetween(`${y}-01-01`, asOf) + 1;
  const daysInYear = daysBetween(`${y}-01-01`, `${y + 1}-01-01`);
  return dayOfYear / daysInYear;
}
