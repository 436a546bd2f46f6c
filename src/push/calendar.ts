import chineseDays from 'chinese-days';
import { addDays, type LocalDate } from '../time/clock.ts';

const covered = new Map<number, boolean>();

/** Whether the holiday package knows this year's official calendar (it otherwise only knows weekends). */
export function calendarCovers(year: number): boolean {
  let known = covered.get(year);
  if (known === undefined) {
    known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    covered.set(year, known);
  }
  return known;
}

export function isWorkingDay(date: LocalDate): boolean {
  return chineseDays.isWorkday(date);
}

/** The day itself when it is a working day, else the next one (调休 Saturdays count as working days). */
export function nextWorkingDay(date: LocalDate): LocalDate {
  let d = date;
  for (let i = 0; i < 30 && !isWorkingDay(d); i++) d = addDays(d, 1);
  return d;
}

/** The day itself when it is a working day, else the one before: for what must come before a date. */
export function previousWorkingDay(date: LocalDate): LocalDate {
  let d = date;
  for (let i = 0; i < 30 && !isWorkingDay(d); i++) d = addDays(d, -1);
  return d;
}
