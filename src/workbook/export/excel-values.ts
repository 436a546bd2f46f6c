import type { LocalDate } from '../../time/clock.ts';

/**
 * Excel keeps dates as wall-clock serials with no zone. A Shanghai calendar date is written as that
 * day's UTC midnight, which exceljs turns into exactly that serial; reading it back gives the same
 * date whatever zone the reader is in.
 */
export function excelDate(d: LocalDate | null | undefined): Date | null {
  if (!d) return null;
  return new Date(Date.parse(`${d}T00:00:00Z`));
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** A stored timestamp as the Shanghai wall-clock time people saw when it happened. */
export function excelTime(at: string): Date | null {
  const t = Date.parse(at);
  return Number.isNaN(t) ? null : new Date(t + SHANGHAI_OFFSET_MS);
}

/** Excel refuses cells over 32,767 characters; a whole record in the audit can be longer. */
const CELL_LIMIT = 32_000;

export function cellText(s: string | null | undefined): string | null {
  if (s === null || s === undefined || s === '') return null;
  return s.length > CELL_LIMIT ? `${s.slice(0, CELL_LIMIT)}…` : s;
}
