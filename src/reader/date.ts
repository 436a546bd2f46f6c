import { UserError } from '../core/errors.ts';
import { zh } from '../text/zh.ts';
import { addDays, isValidLocalDate, type LocalDate, localDate, toLocalDate } from '../time/clock.ts';
import { parseNumber } from './numerals.ts';

const RELATIVE: Record<string, number> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2 };

/**
 * Reads `2023-06-01`, `2023/6/1`, `2023.6.1`, `2023年6月1日`, `6月1日` (this year), `今天`, `昨天`,
 * `前天` as a calendar date in Asia/Shanghai.
 */
export function parseDate(text: string, now: Date): LocalDate {
  const s = text.trim();
  const today = localDate(now);
  if (Object.hasOwn(RELATIVE, s)) return addDays(today, RELATIVE[s] as number);
  const thisYear = Number(today.slice(0, 4));
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  let parts: [number, number, number] | null = null;
  if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!parts) {
    const cn = /^(?:(.+?)年)?(.+?)月(.+?)[日号]?$/.exec(s);
    if (cn) {
      const y = cn[1] === undefined ? thisYear : parseNumber(cn[1]);
      const mo = parseNumber(cn[2] as string);
      const d = parseNumber(cn[3] as string);
      if (y !== null && mo !== null && d !== null) parts = [y, mo, d];
    }
  }
  if (!parts?.every(Number.isInteger)) throw new UserError(zh.dateUnreadable(text));
  const [y, mo, d] = parts;
  if (y < 2000 || y > 2100 || !isValidLocalDate(y, mo, d)) throw new UserError(zh.dateInvalid(text));
  return toLocalDate(y, mo, d);
}

/** For things that already happened (签约, 开工, 到位): a future date is a typo. */
export function parsePastDate(text: string, now: Date): LocalDate {
  const d = parseDate(text, now);
  if (d > localDate(now)) throw new UserError(zh.dateInFuture(text));
  return d;
}
