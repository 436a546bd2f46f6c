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

export function localDate(at: Date): LocalDate {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO timestamp with the explicit +08:00 offset, for records people read. */
export function isoShanghai(at: Date): string {
  return `${new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
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
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000);
  return t.toISOString().slice(0, 10);
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
