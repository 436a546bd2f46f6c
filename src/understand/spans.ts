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
  /** As written, without its label (约5亿, 5个亿): the command keeps a qualifier as a note. */
  raw: string;
  /** The label written before it (合同额, 投资额, 到位 …), if any. */
  key: string | null;
}
export interface DateSpan extends Span {
  date: LocalDate;
}

/** A sign before the number: 「-500万」 is refused as written, never read as 500万. */
const NEGATIVE = /[-−负]\s*[0-9零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖]/u;

export function amountsIn(text: string): AmountSpan[] {
  return findAmounts(text)
    .filter(({ start, end }) => !NEGATIVE.test(text.slice(Math.max(0, start - 2), end)))
    .map(({ start, end, wan, key, raw }) => ({ start, end, wan, key, raw }));
}

/** Parts of a day the date reader does not know, as the day they are in (same length, so spans stay put). */
const PART_OF_DAY: Array<[RegExp, string]> = [
  [/昨晚|昨夜/gu, '昨天'],
  [/今早|今晨|今晚/gu, '今天'],
  [/前晚/gu, '前天'],
];

export function datesIn(text: string, now: Date): DateSpan[] {
  let days = text;
  for (const [words, day] of PART_OF_DAY) days = days.replace(words, day);
  return findDates(days, now).map(({ start, end, date }) => ({ start, end, date }));
}
