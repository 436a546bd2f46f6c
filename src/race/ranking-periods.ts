import { zh } from '../text/zh.ts';
import { addDays, type LocalDate } from '../time/clock.ts';
import { earlier, monthEnd, monthOf, previousMonthEnd, quarterOf, yearOf } from './period.ts';

/** The 晾晒 periods people ask for in chat, and choose on the web page. */
export const RANKING_PERIODS = [
  'this-month',
  'last-month',
  'month',
  'quarter',
  'last-quarter',
  'year',
] as const;
export type RankingPeriodKind = (typeof RANKING_PERIODS)[number];

export interface RankingPeriodChoice {
  kind: RankingPeriodKind;
  /** `month`: which month (1–12). */
  month?: number;
  /** `month`, `year`: which year; unset, the month's latest past year, or this year. */
  year?: number | null;
}

/** The date a ranking is taken at, its title, and whether it comes with the five-colour picture. */
export interface RankingPeriod {
  asOf: LocalDate;
  title: string;
  picture: boolean;
}

/**
 * Where each 晾晒 ends (year-to-date up to that day) and what it is called: 本月 = today; 上月 =
 * last month's end; N月 = that month's end (a month not yet reached this year means last year's);
 * 季度 = today, 上季度 = last quarter's end, both with the picture; 年度 = the year's end, or today.
 * Chat's ranking commands and the web page both ask here.
 */
export function rankingPeriod(today: LocalDate, choice: RankingPeriodChoice): RankingPeriod {
  switch (choice.kind) {
    case 'this-month':
      return { asOf: today, title: zh.monthRankingTitle(yearOf(today), monthOf(today)), picture: false };
    case 'last-month': {
      const asOf = previousMonthEnd(today);
      return { asOf, title: zh.monthRankingTitle(yearOf(asOf), monthOf(asOf)), picture: false };
    }
    case 'month': {
      const month = choice.month ?? monthOf(today);
      const thisYear = yearOf(today);
      const year = choice.year ?? (month > monthOf(today) ? thisYear - 1 : thisYear);
      return {
        asOf: earlier(monthEnd(year, month), today),
        title: zh.monthRankingTitle(year, month),
        picture: false,
      };
    }
    case 'quarter':
      return { asOf: today, title: zh.quarterRankingTitle(yearOf(today), quarterOf(today)), picture: true };
    case 'last-quarter': {
      const firstMonth = (quarterOf(today) - 1) * 3 + 1;
      const asOf = addDays(`${yearOf(today)}-${String(firstMonth).padStart(2, '0')}-01`, -1);
      return { asOf, title: zh.quarterRankingTitle(yearOf(asOf), quarterOf(asOf)), picture: true };
    }
    case 'year': {
      const year = choice.year ?? yearOf(today);
      return { asOf: earlier(`${year}-12-31`, today), title: zh.yearRankingTitle(year), picture: false };
    }
  }
}
