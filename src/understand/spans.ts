import { findAmounts } from '../reader/find-amounts.ts';
import { findDates } from '../reader/find-dates.ts';
import type { LocalDate } from '../time/clock.ts';

/** A piece of a sentence the reader recognised, with where it stands so the rest can be read without it. */
export interface Span {
  start: number;
  end: number;
}
export interface AmountSpan extends Span {
  wan: number;
  /** The label written before it (合同额, 投资额, 到位 …), if any. */
  key: string | null;
}
export interface DateSpan extends Span {
  date: LocalDate;
}

export function amountsIn(text: string): AmountSpan[] {
  return findAmounts(text).map(({ start, end, wan, key }) => ({ start, end, wan, key }));
}

export function datesIn(text: string, now: Date): DateSpan[] {
  return findDates(text, now).map(({ start, end, date }) => ({ start, end, date }));
}
