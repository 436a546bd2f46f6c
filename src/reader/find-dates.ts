import { type LocalDate, localDate } from '../time/clock.ts';
import { DATE_FORMS, type DateForm, dateOf, TIME_OF_DAY } from './date.ts';

export interface FoundDate {
  start: number;
  end: number;
  date: LocalDate;
  /** The date as written, with a time of day after it if any (5月28号下午). */
  raw: string;
}

const STICKY = DATE_FORMS.map((f) => new RegExp(`(?:${f.pattern})`, 'y'));
const TIME_AFTER = new RegExp(TIME_OF_DAY, 'y');

const CN_NUMERAL = /[零〇一二两三四五六七八九十百千万亿]/;
/** Before a date: a digit, a letter or a decimal point means it is part of something else. */
const NOT_BEFORE_DIGIT = /[0-9A-Za-z.\-/]/;
/** After a date: more digits or a unit mean it was a number (5.28亿, 1.2万, 20260528号码). */
const NOT_AFTER = /^(?:[0-9]|\.[0-9]|[万亿元%‰个倍千百])/;
/** 5.28 is also a decimal; in prose it counts as a date only before what a date is followed by. */
const DOTTED_FOLLOWERS =
  /^(?:$|[\s,;:!?，。；：！？、)）」』”"'~—至到日号签开完竣投举召前后当那起晚早上下中])/;
/** 3号楼, 1号线, 15日内: a numbered thing or a span, not a day of the month. */
const DAY_NOT_BEFORE =
  /^(?:楼|线|院|门|地|厂|车|库|馆|栋|机|位|窗|台|口|桩|井|路|街|巷|房|仓|令|件|码|文|内|以|之|左|选|队|字)/;
/** 一周三次, 两周一次: a count of weeks, not a weekday. */
const WEEKDAY_NOT_BEFORE = /^(?:次|遍|回|个|年|周|天)/;

function fits(form: DateForm, text: string, start: number, end: number): boolean {
  const core = text.slice(start, end);
  const before = text[start - 1] ?? '';
  const after = text.slice(end);
  if (NOT_BEFORE_DIGIT.test(before) && /^\d/.test(core)) return false;
  if (CN_NUMERAL.test(before) && CN_NUMERAL.test(core[0] as string)) return false;
  if (form.kind === 'weekday' && (CN_NUMERAL.test(before) || WEEKDAY_NOT_BEFORE.test(after))) return false;
  if (NOT_AFTER.test(after)) return false;
  switch (form.kind) {
    case 'year-month-day':
    case 'month-day':
      return /[日号]$/.test(core);
    case 'dotted':
      return DOTTED_FOLLOWERS.test(after) && !/^[.\-/]\d/.test(after);
    case 'day':
      return !/[月周]/.test(before) && !DAY_NOT_BEFORE.test(after);
    default:
      return true;
  }
}

/**
 * Every date in a sentence (6月1日开工 / 于2026年6月1日 / 上周四签的 / 昨天到账), read relative to
 * `now` in Asia/Shanghai. Invalid days (2月30日) and vague ones (月底) are left out, and so are the
 * numbers of amounts and quantities (5.28亿, 30万吨). The text is expected already folded.
 */
export function findDates(text: string, now: Date): FoundDate[] {
  const today = localDate(now);
  const found: FoundDate[] = [];
  let i = 0;
  while (i < text.length) {
    let next = i + 1;
    for (const [k, re] of STICKY.entries()) {
      const form = DATE_FORMS[k] as DateForm;
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m || !fits(form, text, i, i + m[0].length)) continue;
      const date = dateOf(form, m, today);
      if (date === 'invalid') continue;
      TIME_AFTER.lastIndex = i + m[0].length;
      const end = i + m[0].length + (TIME_AFTER.exec(text)?.[0].length ?? 0);
      found.push({ start: i, end, date, raw: text.slice(i, end) });
      next = end;
      break;
    }
    i = next;
  }
  return found;
}
