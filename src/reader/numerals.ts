const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

const NUMBER_CHARS = /^[0-9.零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿点]+$/;

/**
 * Reads a number written in Arabic digits, Chinese numerals or a mix of both
 * (`12`, `3.2`, `十二`, `三点五`, `一千二百`, `1千`, `2万5千`). Returns null when it is not one.
 */
export function parseNumber(text: string): number | null {
  const s = text.trim();
  if (!s || !NUMBER_CHARS.test(s)) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const point = s.indexOf('点');
  if (point >= 0) {
    const whole = point === 0 ? 0 : parseInteger(s.slice(0, point));
    const frac = s.slice(point + 1);
    if (whole === null || !frac) return null;
    let digits = '';
    for (const ch of frac) {
      const d = /\d/.test(ch) ? Number(ch) : DIGITS[ch];
      if (d === undefined) return null;
      digits += String(d);
    }
    return Number(`${whole}.${digits}`);
  }
  return parseInteger(s);
}

function parseInteger(s: string): number | null {
  let total = 0;
  let section = 0;
  let current: number | null = null;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (/[\d.]/.test(ch)) {
      let j = i;
      while (j < s.length && /[\d.]/.test(s[j] as string)) j++;
      if (current !== null) return null;
      current = Number(s.slice(i, j));
      if (Number.isNaN(current)) return null;
      i = j;
      continue;
    }
    if (Object.hasOwn(DIGITS, ch)) {
      if (current !== null && current !== 0) {
        // "一二" is not a number; "零" between digits is a placeholder (一千零五)
        if (DIGITS[ch] !== 0) return null;
      }
      current = DIGITS[ch] === 0 ? null : (DIGITS[ch] as number);
    } else if (Object.hasOwn(SMALL_UNITS, ch)) {
      section += (current ?? (section === 0 && total === 0 ? 1 : NaN)) * (SMALL_UNITS[ch] as number);
      if (Number.isNaN(section)) return null;
      current = null;
    } else if (Object.hasOwn(BIG_UNITS, ch)) {
      const unit = BIG_UNITS[ch] as number;
      const value = (section + (current ?? 0)) * unit;
      if (value === 0) return null;
      if (unit === 100_000_000) total = (total + value) * 1;
      else total += value;
      section = 0;
      current = null;
    } else {
      return null;
    }
    i++;
  }
  return total + section + (current ?? 0);
}
