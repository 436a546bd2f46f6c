import { CronExpressionParser } from 'cron-parser';
import type { PushKind } from '../../storage/schema.ts';
import { localDate, ZONE } from '../time/clock.ts';
import { nextWorkingDay, previousWorkingDay } from './calendar.ts';

/** Kinds that must come before a date, not after it: on a holiday they move to the previous working day. */
export const SHIFT_BACK: ReadonlySet<PushKind> = new Set(['reminder']);

/** A run that starts more than this after its slot is marked late (the bot was down or busy). */
export const LATE_AFTER_MS = 10 * 60_000;
/** Runs missed longer ago than this are not sent any more: a month-old 半月调度 helps nobody. */
const CATCH_UP_WINDOW_MS = 40 * 24 * 3600_000;

function shifted(at: Date, shiftToWorkday: boolean, back: boolean): Date {
  if (!shiftToWorkday) return at;
  const day = localDate(at);
  const working = back ? previousWorkingDay(day) : nextWorkingDay(day);
  if (working === day) return at;
  return new Date(at.getTime() + (Date.parse(`${working}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)));
}

/**
 * The latest slot of a schedule that is due at `now` (on or before it), after moving slots that fall on
 * non-working days to the next working day (the previous one with `back`); null when none is due since `since`.
 */
export function latestDueSlot(
  expression: string,
  now: Date,
  options: { shiftToWorkday: boolean; since: Date; back?: boolean },
): Date | null {
  const back = options.back === true && options.shiftToWorkday;
  const floor = Math.max(options.since.getTime(), now.getTime() - CATCH_UP_WINDOW_MS);
  // occurrences shifted by up to two weeks (Spring Festival) can land after later ones: look back a little further
  // a slot moved back to a working day comes from an occurrence up to two weeks ahead of it
  const parser = CronExpressionParser.parse(expression, {
    currentDate: new Date(now.getTime() + 1000 + (back ? 15 * 24 * 3600_000 : 0)),
    tz: ZONE,
  });
  let best: Date | null = null;
  for (let i = 0; i < 400; i++) {
    let occurrence: Date;
    try {
      occurrence = parser.prev().toDate();
    } catch {
      break;
    }
    if (occurrence.getTime() < floor - 15 * 24 * 3600_000) break;
    const slot = shifted(occurrence, options.shiftToWorkday, back);
    if (slot.getTime() > now.getTime() || slot.getTime() < floor) continue;
    if (!best || slot.getTime() > best.getTime()) best = slot;
  }
  return best;
}
