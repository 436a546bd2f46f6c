import { type Dec, decAdd, decIsZero, decOf, decScale, decToNumber, ZERO } from './decimal.ts';

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
/** Powers of ten of the units inside a 万 section. */
const SMALL_UNITS: Record<string, number> = { 十: 1, 拾: 1, 百: 2, 佰: 2, 千: 3, 仟: 3 };
const WAN = 4;
const YI = 8;

export function isNumeralChar(ch: string): boolean {
  return (
    /[0-9]/.test(ch) ||
    Object.hasOwn(DIGITS, ch) ||
    Object.hasOwn(SMALL_UNITS, ch) ||
    ch === '万' ||
    ch === '亿'
  );
}

/** Where a numeral starts: a digit, a Chinese digit or 十 (十二). */
export function startsNumeral(ch: string): boolean {
  return /[1-9]/.test(ch) || (Object.hasOwn(DIGITS, ch) && DIGITS[ch] !== 0) || ch === '十' || ch === '拾';
}

export type NumeralReading =
  | {
      ok: true;
      value: Dec;
      /** 万 or 亿 appeared, so the value is in 元 even without a trailing 元. */
      bigUnit: boolean;
      /** It ended in 元. */
      yuan: boolean;
      /** 多 or 余 written inside (五千多万, 3000余万): the value is the part before it. */
      approx: string | null;
      /** The text ends in a bare digit read by shorthand (四亿五, 3万5). */
      shorthandEnd: boolean;
    }
  | { ok: false; at: number };

interface State {
  total: Dec;
  group: Dec;
  section: Dec;
  current: Dec | null;
  currentAt: number;
  /** current is one digit 1–9 written after a unit, which shorthand may scale (两千五 = 2500). */
  single: boolean;
  lastSmall: number | null;
  lastBig: number | null;
  afterZero: boolean;
  afterPoint: boolean;
  wanInGroup: boolean;
  yi: boolean;
  empty: boolean;
}

/**
 * Reads a numeral in exact decimal arithmetic: Arabic (`2.5`, `8000`), Chinese (`二亿四千万`,
 * `一千零五`, `三点五`, financial `贰亿伍仟万`) or both mixed (`2亿3千万`, `1亿零800万`), with `个`
 * before 亿 (两个亿), `多`/`余` inside (五千多万), a closing `元`, and the spoken shorthand where a
 * last digit takes the next lower unit (四亿五 = 4.5亿, 两千五 = 2500, 3万5 = 35000). Units are
 * read as 元 when 万/亿/元 appear. On failure it says at which index reading stopped.
 */
export function readNumeral(s: string): NumeralReading {
  const st: State = {
    total: ZERO,
    group: ZERO,
    section: ZERO,
    current: null,
    currentAt: 0,
    single: false,
    lastSmall: null,
    lastBig: null,
    afterZero: false,
    afterPoint: false,
    wanInGroup: false,
    yi: false,
    empty: true,
  };
  let bigUnit = false;
  let approx: string | null = null;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (/[0-9]/.test(ch)) {
      const m = /^\d+(?:\.\d+)?/.exec(s.slice(i)) as RegExpExecArray;
      const text = m[0];
      if (st.current !== null || st.afterPoint || s[i + text.length] === '.') return { ok: false, at: i };
      const [whole, frac = ''] = text.split('.');
      st.current = decOf(BigInt(`${whole}${frac}`), frac.length);
      st.currentAt = i;
      st.single = frac === '' && /^[1-9]$/.test(whole as string) && !st.afterZero;
      st.empty = false;
      i += text.length;
      continue;
    }
    if (Object.hasOwn(DIGITS, ch)) {
      const d = DIGITS[ch] as number;
      if (st.current !== null || st.afterPoint) return { ok: false, at: i };
      if (d === 0) {
        if (st.empty && s[i + 1] === '点') {
          st.current = ZERO;
          st.currentAt = i;
          st.empty = false;
        } else if (st.empty || st.afterZero) return { ok: false, at: i };
        else st.afterZero = true;
      } else {
        st.current = decOf(BigInt(d), 0);
        st.currentAt = i;
        st.single = !st.afterZero;
        st.empty = false;
      }
      i++;
      continue;
    }
    if (ch === '点') {
      const m = /^[0-9零〇一壹二贰三叁四肆五伍六陆七柒八捌九玖]+/.exec(s.slice(i + 1));
      if (!m || st.afterPoint || (st.current === null && decIsZero(st.section))) return { ok: false, at: i };
      let digits = '';
      for (const c of m[0]) digits += /[0-9]/.test(c) ? c : String(DIGITS[c]);
      const whole = decAdd(st.section, st.current ?? ZERO);
      st.current = decAdd(whole, decOf(BigInt(digits), digits.length));
      st.section = ZERO;
      st.single = false;
      st.lastSmall = null;
      st.afterPoint = true;
      i += 1 + m[0].length;
      continue;
    }
    if (Object.hasOwn(SMALL_UNITS, ch)) {
      const p = SMALL_UNITS[ch] as number;
      if (st.afterPoint || (st.lastSmall !== null && p >= st.lastSmall)) return { ok: false, at: i };
      let mult = st.current;
      if (mult === null) {
        if (p !== 1 || !(decIsZero(st.section) || st.afterZero)) return { ok: false, at: i };
        mult = decOf(1n, 0);
      }
      st.section = decAdd(st.section, decScale(mult, p));
      st.current = null;
      st.lastSmall = p;
      st.afterZero = false;
      st.empty = false;
      i++;
      continue;
    }
    if (ch === '个') {
      if (s[i + 1] !== '亿' || (st.current === null && decIsZero(st.section))) return { ok: false, at: i };
      i++;
      continue;
    }
    if (ch === '多' || ch === '余') {
      const next = s[i + 1];
      const unitNext = next === undefined || /[十拾百佰千仟万亿元个]/.test(next);
      if (st.empty || !unitNext || approx !== null) return { ok: false, at: i };
      approx = ch;
      // what follows 多 is a unit, never a shorthand digit
      st.single = false;
      i++;
      continue;
    }
    if (ch === '万' || ch === '亿') {
      const p = ch === '万' ? WAN : YI;
      if (st.current === null && decIsZero(st.section) && (p === WAN || decIsZero(st.group)))
        return { ok: false, at: i };
      if (p === WAN ? st.wanInGroup : st.yi) return { ok: false, at: i };
      const sec = finishSection(st, 'unit');
      if (sec === null) return { ok: false, at: st.currentAt };
      if (p === WAN) {
        st.group = decAdd(st.group, decScale(sec, WAN));
        st.wanInGroup = true;
      } else {
        st.total = decAdd(st.total, decScale(decAdd(st.group, sec), YI));
        st.group = ZERO;
        st.wanInGroup = false;
        st.yi = true;
      }
      resetSection(st);
      st.lastBig = p;
      bigUnit = true;
      i++;
      continue;
    }
    if (ch === '元') {
      if (st.empty || i !== s.length - 1) return { ok: false, at: st.empty ? i : i + 1 };
      const sec = finishSection(st, 'yuan');
      if (sec === null) return { ok: false, at: st.currentAt };
      return {
        ok: true,
        value: decAdd(decAdd(st.total, st.group), sec),
        bigUnit,
        yuan: true,
        approx,
        shorthandEnd: false,
      };
    }
    return { ok: false, at: i };
  }
  if (st.empty) return { ok: false, at: 0 };
  const shorthandEnd = st.current !== null && st.single && st.lastSmall === null && st.lastBig !== null;
  const sec = finishSection(st, 'end');
  if (sec === null) return { ok: false, at: st.currentAt };
  return {
    ok: true,
    value: decAdd(decAdd(st.total, st.group), sec),
    bigUnit,
    yuan: false,
    approx,
    shorthandEnd,
  };
}

function resetSection(st: State): void {
  st.section = ZERO;
  st.current = null;
  st.single = false;
  st.lastSmall = null;
  st.afterZero = false;
  st.afterPoint = false;
}

/**
 * The value of the section being read, with the pending number placed: after 零 or a unit of its
 * own it is added as written; a lone digit after a unit takes the next lower one (两千五, 四亿五).
 */
function finishSection(st: State, next: 'unit' | 'yuan' | 'end'): Dec | null {
  const cur = st.current;
  if (cur === null || st.afterZero || st.afterPoint) return decAdd(st.section, cur ?? ZERO);
  if (st.lastSmall !== null) return st.single ? decAdd(st.section, decScale(cur, st.lastSmall - 1)) : null;
  if (next !== 'end' || st.lastBig === null) return cur;
  if (st.single) return decScale(cur, st.lastBig - 1);
  // 2万5000 is 25000元; 3亿5000 could mean 3亿5000万 or 3亿零5000元, so it is not guessed
  return st.lastBig === WAN && cur.s === 0 && cur.n < 10_000n ? cur : null;
}

/**
 * Reads a plain number written in Arabic digits, Chinese numerals or a mix of both (`12`, `3.2`,
 * `十二`, `三点五`, `一千二百`, `1千`, `2万5千`). Returns null when it is not one, or when it carries
 * 元, 个 or 多 (those make it an amount, see amount.ts).
 */
export function parseNumber(text: string): number | null {
  const s = text.trim();
  if (!s || /[元个多余]/.test(s)) return null;
  const r = readNumeral(s);
  return r.ok ? decToNumber(r.value) : null;
}
