import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The bureau's zone. Every date the bot shows or stores is a date here. */
export const ZONE = 'Asia/Shanghai';

/** Source of "now"; injected so tests and `SAIMA_NOW` can freeze time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function frozenClock(at: Date | string): Clock {
  const fixed = new Date(at);
  return { now: () => new Date(fixed) };
}

/** A calendar date in Asia/Shanghai as `YYYY-MM-DD`. */
export type LocalDate = string;

export function shanghai(at: Date | string = new Date()) {
  return dayjs(at).tz(ZONE);
}

/**
 * China has kept UTC+8 all year since 1991, so the hot paths shift by a fixed offset instead of asking
 * the time-zone database on every call (dayjs' tz was the largest cost of a webhook request).
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

const DAY_MS = 86_400_000;

/**
 * The last day asked for and its date: a webhook request asks for today several times, and
 * `toISOString` (a Date and two strings each) was a steady cost of answering a 查询.
 */
let lastDay = Number.NaN;
let lastDate = '';

export function localDate(at: Date): LocalDate {
  const day = Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
  if (day !== lastDay) {
    lastDate = new Date(day * DAY_MS).toISOString().slice(0, 10);
    lastDay = day;
  }
  return lastDate;
}

/** The last instant stamped and its text: one change stamps its time on several records. */
let lastStamped = Number.NaN;
let lastStamp = '';

/** ISO timestamp with the explicit +08:00 offset, for records people read. */
export function isoShanghai(at: Date): string {
  const time = at.getTime();
  if (time !== lastStamped) {
    lastStamp = `${new Date(time + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
    lastStamped = time;
  }
  return lastStamp;
}

export function isValidLocalDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function toLocalDate(y: number, m: number, d: number): LocalDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Whole days from `a` to `b` (both calendar dates; b later → positive). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((utcMidnight(b) - utcMidnight(a)) / DAY_MS);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(utcMidnight(d) + n * DAY_MS);
  return t.toISOString().slice(0, 10);
}

/** Month lengths of a common year; February of a leap year is 29. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The number the ASCII digits of `s` from `from` to `to` make, or -1 if one of them is no digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * `Date.parse(`${d}T00:00:00Z`)`, without building a string and parsing it, for a well-formed
 * `YYYY-MM-DD` naming a real day (every stored date); anything else goes to `Date.parse` as before.
 */
function utcMidnight(d: LocalDate): number {
  if (d.length === 10 && d.charCodeAt(4) === 45 && d.charCodeAt(7) === 45) {
    const y = digits(d, 0, 4);
    const m = digits(d, 5, 7);
    const day = digits(d, 8, 10);
    if (
      y >= 100 &&
      m >= 1 &&
      m <= 12 &&
      day >= 1 &&
      day <= (m === 2 && isLeap(y) ? 29 : (MONTH_DAYS[m - 1] as number))
    )
      return Date.UTC(y, m - 1, day);
  }
  return Date.parse(`${d}T00:00:00Z`);
}

export function addMonths(d: LocalDate, n: number): LocalDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return toLocalDate(ny, nm, Math.min(day, daysInMonth(ny, nm)));
}

/** `2023年6月1日`, the form people write. */
export function formatChineseDate(d: LocalDate): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}
