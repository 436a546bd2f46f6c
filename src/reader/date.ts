import { UserError } from '../core/errors.ts';
import { zh } from '../text/zh.ts';
import {
  addDays,
  addMonths,
  daysInMonth,
  isValidLocalDate,
  type LocalDate,
  localDate,
  toLocalDate,
} from '../time/clock.ts';
import { parseNumber } from './numerals.ts';

/** A month or a day: 5, 28, 五, 二十八. */
const MD = /(\d{1,2}|[一二两三四五六七八九十]{1,3})/.source;
/** A year: 2026, 26, 二〇二六. */
const YEAR = /(\d{4}|\d{2}|[〇零一二三四五六七八九]{4})/.source;
const WEEK = /(?:周|星期|礼拜)/.source;

export const TIME_OF_DAY =
  /(?: ?(?:上午|下午|晚上|中午|早上|早晨|傍晚|凌晨|夜里|晚间))?(?: ?\d{1,2}(?::\d{2}|点(?:半|\d{1,2}分?)?))?/
    .source;

type Ymd = [number, number, number];

/** One way of writing a date: its pattern and how a match becomes a date, given today. */
export interface DateForm {
  pattern: string;
  /** What kind of form it is, for the checks prose needs around it (see find-dates.ts). */
  kind:
    | 'year-month-day'
    | 'iso'
    | 'compact'
    | 'weekday'
    | 'month-relative'
    | 'month-day'
    | 'dotted'
    | 'relative'
    | 'day';
  read(m: RegExpExecArray, today: LocalDate): Ymd | null;
}

const RELATIVE: Record<string, number> = {
  今天: 0,
  今日: 0,
  昨天: -1,
  昨日: -1,
  前天: -2,
  大前天: -3,
  明天: 1,
  明日: 1,
  后天: 2,
};
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

function ymdOf(d: LocalDate): Ymd {
  return d.split('-').map(Number) as Ymd;
}

function num(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  return parseNumber(text) ?? Number.NaN;
}

const YEAR_DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

function year(text: string, today: LocalDate): number {
  const digits = /^\d+$/.test(text) ? text : [...text].map((c) => YEAR_DIGIT[c]).join('');
  const y = Number(digits);
  return digits.length === 2 ? Math.floor(ymdOf(today)[0] / 100) * 100 + y : y;
}

function isoWeekday(d: LocalDate): number {
  const day = new Date(`${d}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function monthShift(word: string | undefined): number {
  if (!word) return 0;
  if (word.startsWith('上')) return -1;
  if (word.startsWith('下')) return 1;
  return 0;
}

/** The ways people write a date, longest first so 2026年5月28日 is not read as 5月28日. */
export const DATE_FORMS: DateForm[] = [
  {
    pattern: `${YEAR}年${MD}月${MD}[日号]?`,
    kind: 'year-month-day',
    read: (m, today) => [year(m[1] as string, today), num(m[2]), num(m[3])],
  },
  {
    pattern: '(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})',
    kind: 'iso',
    read: (m) => [Number(m[1]), Number(m[3]), Number(m[4])],
  },
  {
    pattern: '(20\\d{2})(\\d{2})(\\d{2})',
    kind: 'compact',
    read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  {
    pattern: /(上上|上|这|本|下)?个?/.source + WEEK + /([一二三四五六日天1-7])/.source,
    kind: 'weekday',
    read: (m, today) => {
      const want = /\d/.test(m[2] as string) ? Number(m[2]) : (WEEKDAY[m[2] as string] as number);
      const dow = isoWeekday(today);
      if (m[1] === undefined) return ymdOf(addDays(today, -((dow - want + 7) % 7)));
      const weeks = { 上上: -2, 上: -1, 这: 0, 本: 0, 下: 1 }[m[1] as '上'];
      return ymdOf(addDays(today, weeks * 7 + want - dow));
    },
  },
  {
    pattern: /(上个?|本|这个?|下个?)月/.source + MD + /[日号]/.source,
    kind: 'month-relative',
    read: (m, today) => {
      const [y, mo] = ymdOf(addMonths(`${today.slice(0, 8)}01`, monthShift(m[1])));
      return [y, mo, num(m[2])];
    },
  },
  {
    pattern: `${MD}月${MD}[日号]?`,
    kind: 'month-day',
    read: (m, today) => [ymdOf(today)[0], num(m[1]), num(m[2])],
  },
  {
    pattern: '(\\d{1,2})([./-])(\\d{1,2})',
    kind: 'dotted',
    read: (m, today) => [ymdOf(today)[0], Number(m[1]), Number(m[3])],
  },
  {
    pattern: /(大前天|今天|今日|昨天|昨日|前天|明天|明日|后天)/.source,
    kind: 'relative',
    read: (m, today) => ymdOf(addDays(today, RELATIVE[m[1] as string] as number)),
  },
  {
    pattern: `${MD}[日号]`,
    kind: 'day',
    read: (m, today) => {
      const [y, mo] = ymdOf(today);
      return [y, mo, num(m[1])];
    },
  },
];

const ANCHORED = DATE_FORMS.map((f) => new RegExp(`^(?:${f.pattern})${TIME_OF_DAY}$`));

/** 月底, 年初, 5月中旬: a time of the month or year, not a day. */
const VAGUE = /(?:月初|月底|月中|月末|上旬|中旬|下旬|年初|年底|年中|年末|月份|[月年][初底末中])/;

/** The day the vague word most likely means, offered as an example of an exact date to write. */
function vagueExample(s: string, today: LocalDate): string {
  const [ty, tm] = ymdOf(today);
  const explicit = new RegExp(`${MD}月`).exec(s);
  let month: number;
  if (explicit) month = num(explicit[1]);
  else month = ymdOf(addMonths(`${today.slice(0, 8)}01`, monthShift(/([上下])个?月/.exec(s)?.[1])))[1];
  if (!(month >= 1 && month <= 12)) month = tm;
  if (/年初/.test(s)) return '1月1日';
  if (/年中/.test(s)) return '6月30日';
  if (/年[底末]/.test(s)) return '12月31日';
  if (/初|上旬/.test(s)) return `${month}月1日`;
  if (/中/.test(s)) return `${month}月15日`;
  return `${month}月${daysInMonth(ty, month)}日`;
}

/** Reads one match of a date form into a date, or says why it is not one. */
export function dateOf(form: DateForm, m: RegExpExecArray, today: LocalDate): LocalDate | 'invalid' {
  const parts = form.read(m, today);
  if (!parts?.every(Number.isInteger)) return 'invalid';
  const [y, mo, d] = parts;
  if (y < 2000 || y > 2100 || !isValidLocalDate(y, mo, d)) return 'invalid';
  return toLocalDate(y, mo, d);
}

/**
 * Reads a date as a calendar day in Asia/Shanghai, relative to the message time: `2026-05-28`,
 * `2026.5.28`, `20260528`, `5.28`, `5/28`, `2026年5月28日`, `二〇二六年五月二十八日`, `5月28号下午`,
 * `今天`/`昨天`/`前天`/`大前天`, `上周四`, `本周一`, `周三` (the latest one not after today),
 * `上个月20号`, `本月3号`, `3号` (this month). 月底, 年初 and the like are refused with a question,
 * never guessed.
 */
export function parseDate(text: string, now: Date): LocalDate {
  const s = text.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const today = localDate(now);
  for (const [k, re] of ANCHORED.entries()) {
    const m = re.exec(s);
    if (!m) continue;
    const date = dateOf(DATE_FORMS[k] as DateForm, m, today);
    if (date === 'invalid') throw new UserError(zh.dateInvalid(text.trim()));
    return date;
  }
  if (VAGUE.test(s)) throw new UserError(zh.dateVague(s, vagueExample(s, today)));
  throw new UserError(zh.dateUnreadable(text.trim()));
}

/** For things that already happened (签约, 开工, 到位): a future date is a typo. */
export function parsePastDate(text: string, now: Date): LocalDate {
  const d = parseDate(text, now);
  if (d > localDate(now)) throw new UserError(zh.dateInFuture(text.trim()));
  return d;
}
