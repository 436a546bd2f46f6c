import { addDays, daysInMonth, type LocalDate, toLocalDate } from '../time/clock.ts';

/** A closed range of Shanghai calendar dates. */
export interface Period {
  from: LocalDate;
  to: LocalDate;
  label: string;
}

export function yearOf(d: LocalDate): number {
  return Number(d.slice(0, 4));
}

export function monthOf(d: LocalDate): number {
  return Number(d.slice(5, 7));
}

export function monthEnd(y: number, m: number): LocalDate {
  return toLocalDate(y, m, daysInMonth(y, m));
}

/** Never past `today`: a period still running is counted up to today. */
function capped(to: LocalDate, today: LocalDate): LocalDate {
  return to > today ? today : to;
}

export function yearToDate(asOf: LocalDate): Period {
  return { from: `${yearOf(asOf)}-01-01`, to: asOf, label: `${yearOf(asOf)}年` };
}

export function halfYear(y: number, half: 1 | 2, today: LocalDate): Period {
  const from = half === 1 ? `${y}-01-01` : `${y}-07-01`;
  const to = capped(half === 1 ? `${y}-06-30` : `${y}-12-31`, today);
  return { from, to, label: `${y}年${half === 1 ? '上' : '下'}半年` };
}

export function wholeYear(y: number, today: LocalDate): Period {
  return { from: `${y}-01-01`, to: capped(`${y}-12-31`, today), label: `${y}年` };
}

export function quarterOf(d: LocalDate): number {
  return Math.floor((monthOf(d) - 1) / 3) + 1;
}

export function previousMonthEnd(today: LocalDate): LocalDate {
  return addDays(`${today.slice(0, 7)}-01`, -1);
}

export function inPeriod(d: LocalDate | null | undefined, p: { from: LocalDate; to: LocalDate }): boolean {
  return d !== null && d !== undefined && d >= p.from && d <= p.to;
}

export function earlier(a: LocalDate, b: LocalDate): LocalDate {
  return a < b ? a : b;
}
