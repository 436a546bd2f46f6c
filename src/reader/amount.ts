import { UserError } from '../core/errors.ts';
import { roundWan, type Wan } from '../domain/money.ts';
import { zh } from '../text/zh.ts';
import { parseNumber } from './numerals.ts';

const UNITS: Array<[string, number]> = [
  ['亿元', 10_000],
  ['万元', 1],
  ['亿', 10_000],
  ['万', 1],
  ['元', 1 / 10_000],
];

/** The largest amount anyone plausibly reports: 1万亿元, to catch a slipped unit. */
const MAX_WAN = 100_000_000;

/** Reads `5亿`, `3.2亿元`, `8000万`, `十二亿`, `三点五亿`, `500000元` into 万元. No unit is refused. */
export function parseAmount(text: string): Wan {
  const s = text.trim().replace(/,/g, '');
  const unit = UNITS.find(([u]) => s.endsWith(u));
  const numberPart = unit ? s.slice(0, s.length - unit[0].length) : s;
  const n = parseNumber(numberPart);
  if (n === null) throw new UserError(zh.amountUnreadable(text));
  if (!unit) throw new UserError(zh.amountNeedsUnit(text));
  const wan = roundWan(n * unit[1]);
  if (!(wan > 0)) throw new UserError(zh.amountNotPositive(text));
  if (wan > MAX_WAN) throw new UserError(zh.amountTooLarge(text));
  return wan;
}

/** True when the text looks like an amount (with or without a unit), for positional fields. */
export function looksLikeAmount(text: string): boolean {
  const s = text.trim().replace(/,/g, '');
  const unit = UNITS.find(([u]) => s.endsWith(u));
  return parseNumber(unit ? s.slice(0, s.length - unit[0].length) : s) !== null;
}
