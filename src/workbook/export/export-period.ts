import { UserError } from '../../core/errors.ts';
import { earlier, yearOf } from '../../race/period.ts';
import { zh } from '../../text/zh.ts';
import { isValidLocalDate, type LocalDate } from '../../time/clock.ts';

/**
 * The year and the last day an export covers, from what was asked: nothing = this year up to today;
 * a year = that whole year (this year: up to today); a day = its year up to that day.
 */
export function exportPeriod(
  today: LocalDate,
  asked: { year?: string | number | null; asOf?: string | null },
): { year: number; asOf: LocalDate } {
  const thisYear = yearOf(today);
  let year: number | null = null;
  if (asked.year !== undefined && asked.year !== null) {
    const text = String(asked.year).trim();
    if (!/^\d{4}$/.test(text)) throw new UserError(zh.exportBadYear(text));
    year = Number(text);
    if (year > thisYear) throw new UserError(zh.exportFutureYear(year, thisYear));
  }
  if (asked.asOf === undefined || asked.asOf === null) {
    const y = year ?? thisYear;
    return { year: y, asOf: earlier(`${y}-12-31`, today) };
  }
  const asOf = asked.asOf.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (!m || !isValidLocalDate(Number(m[1]), Number(m[2]), Number(m[3])))
    throw new UserError(zh.exportBadAsOf(asOf));
  if (asOf > today) throw new UserError(zh.exportAsOfFuture(asOf, today));
  if (year !== null && yearOf(asOf) !== year) throw new UserError(zh.exportAsOfOutsideYear(asOf, year));
  return { year: yearOf(asOf), asOf };
}
