import { isUserError, UserError } from '../core/errors.ts';
import { fromYuan, type Wan } from '../domain/money.ts';
import { zh } from '../text/zh.ts';
import { decRound, decToNumber } from './decimal.ts';
import { type NumeralReading, readNumeral } from './numerals.ts';

/** The largest amount anyone plausibly reports: 1万亿元 in 元, to catch a slipped unit. */
const MAX_YUAN = 1_000_000_000_000n;

/** Words that make an amount approximate, longest first so 大约 is not read as 约. */
export const QUALIFIERS_BEFORE = ['大约', '大概', '将近', '接近', '超过', '约', '近', '超', '逾'];
export const QUALIFIERS_AFTER = ['左右', '以上', '出头', '多', '余'];
/** Words around an amount that change nothing: the currency and 整 (七千万元整). */
const CURRENCY_BEFORE = ['人民币', 'RMB', '¥'];
const DECORATION_AFTER = ['人民币', '整'];

export interface AmountReading {
  wan: Wan;
  /** The word that made it approximate (约, 近, 超过, 多 …), or null when it is exact. */
  qualifier: string | null;
}

interface Cleaned {
  core: string;
  qualifier: string | null;
}

/** Takes off spaces, thousands separators, the currency, 整 and the qualifiers around the number. */
function clean(text: string): Cleaned {
  let s = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  let qualifier: string | null = null;
  for (let changed = true; changed && s; ) {
    changed = false;
    for (const w of [...CURRENCY_BEFORE, ...QUALIFIERS_BEFORE]) {
      if (s.startsWith(w)) {
        if (QUALIFIERS_BEFORE.includes(w)) qualifier ??= w;
        s = s.slice(w.length);
        changed = true;
        break;
      }
    }
  }
  for (let changed = true; changed && s; ) {
    changed = false;
    for (const w of [...DECORATION_AFTER, ...QUALIFIERS_AFTER]) {
      // 多/余 right after a digit belong to the numeral (5000余万), never to the end of a bare one
      if (s.endsWith(w) && s.length > w.length) {
        if (QUALIFIERS_AFTER.includes(w)) qualifier ??= w;
        s = s.slice(0, s.length - w.length);
        changed = true;
        break;
      }
    }
  }
  return { core: s, qualifier };
}

function read(text: string): { cleaned: Cleaned; numeral: NumeralReading } {
  const cleaned = clean(text);
  return { cleaned, numeral: cleaned.core ? readNumeral(cleaned.core) : { ok: false, at: 0 } };
}

/**
 * Reads an amount as people write it into exact 万元: `5亿`, `3.2亿元`, `8000万`, `二亿四千万`,
 * `2亿3千万`, `1亿零800万`, `四亿五`, `两个亿`, `2,500万`, `8 亿`, `贰亿伍仟万`, `七千万元整`,
 * `人民币3000万元`, with 约/近/超过/多… reported as the qualifier. A number without a unit is refused
 * (5 could be 5亿 or 5万), and a refusal names the part it could not read.
 */
export function readAmount(text: string): AmountReading {
  const { cleaned, numeral } = read(text);
  if (!numeral.ok) {
    if (numeral.at === 0) throw new UserError(zh.amountUnreadable(text.trim()));
    throw new UserError(zh.amountPartUnreadable(text.trim(), cleaned.core.slice(numeral.at)));
  }
  if (!numeral.bigUnit && !numeral.yuan) throw new UserError(zh.amountNeedsUnit(cleaned.core));
  const yuan = decRound(numeral.value);
  if (yuan <= 0n) throw new UserError(zh.amountNotPositive(text.trim()));
  if (yuan > MAX_YUAN) throw new UserError(zh.amountTooLarge(text.trim()));
  return { wan: fromYuan(Number(yuan)), qualifier: cleaned.qualifier ?? numeral.approx };
}

/** The 约/近/超过… an amount was written with, or null (also for text that is not a readable amount). */
export function qualifierOf(text: string | undefined): string | null {
  if (text === undefined) return null;
  try {
    return readAmount(text).qualifier;
  } catch (e) {
    if (isUserError(e)) return null;
    throw e;
  }
}

/** Reads `5亿`, `3.2亿元`, `8000万`, `十二亿`, `三点五亿`, `500000元` into 万元. No unit is refused. */
export function parseAmount(text: string): Wan {
  return readAmount(text).wan;
}

/** True when the text looks like an amount (with or without a unit), for positional fields. */
export function looksLikeAmount(text: string): boolean {
  return read(text).numeral.ok;
}

/** The number of an amount written without a unit (`5`, `两千五`), so the bot can ask 5亿 or 5万. */
export function isBareNumber(text: string): number | null {
  const { numeral } = read(text);
  if (!numeral.ok || numeral.bigUnit || numeral.yuan) return null;
  const n = decToNumber(numeral.value);
  return Number.isFinite(n) ? n : null;
}
