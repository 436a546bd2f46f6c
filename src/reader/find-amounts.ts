import { isUserError } from '../core/errors.ts';
import type { Wan } from '../domain/money.ts';
import { QUALIFIERS_AFTER, QUALIFIERS_BEFORE, readAmount } from './amount.ts';
import { readNumeral } from './numerals.ts';

export interface FoundAmount {
  /** The span in the text, covering the label before the amount when there is one. */
  start: number;
  end: number;
  wan: Wan;
  qualifier: string | null;
  /** The amount as written, without its label (约5亿元, 5个亿). */
  raw: string;
  /** The label written right before it (合同额, 到位 …), or null. */
  key: string | null;
}

/** Labels people put before an amount, longest first so 合同金额 is not read as 金额. */
const KEYS = [
  '合同金额',
  '签约金额',
  '到位资金',
  '到账资金',
  '计划总投资',
  '计划投资',
  '投资总额',
  '总投资额',
  '合同额',
  '签约额',
  '投资额',
  '总投资',
  '金额',
  '到位',
  '到账',
];
/** What may stand between a label and its amount: 合同额：7亿, 合同额为7亿, 金额 12亿. */
const KEY_JOINERS = /(?:[:：]|为|是|达|共)?\s?$/;

/**
 * Units that follow 万/亿 in numbers that are not money (30万吨, 5万平方米, 3万头, 1万余人) and
 * currencies that are not 元, whose value would be wrong in 万元.
 */
export const NOT_MONEY_AFTER =
  /^(?:吨|平|亩|头|只|羽|人|名|户|家|台|套|件|辆|千瓦|瓦|度|方|立方|米|公里|千米|公斤|千克|斤|箱|片|株|册|张|条|支|标|次|小时|字|伏|千伏|克|升|位|座|栋|间|床|颗|粒|盒|瓶|袋|双|组|根|卷|美|欧|港|日元|英镑|[A-Za-z])/;

/** Characters an amount is written with; separators and spaces are checked where they stand. */
const AMOUNT_CHAR = /[0-9.零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿点个多余元]/;
const START_CHAR = /[1-9一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾]|0(?=\.)/y;
/** A numeral character before a start means the start is the middle of a number. */
const INSIDE_NUMBER = /[0-9.零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿点A-Za-z]/;
const UNIT_CHAR = /[万亿元个千仟百佰]/;
/** After an amount ending in a shorthand digit (四亿五), only these may follow, or 5亿8个项目 reads 5.8亿. */
const SHORTHAND_END_OK = /^(?:$|[\s,.;:!?，。；：！？、)）」』”"'的了])/;
const MAX_RUN = 40;
/** Words whose last character is a qualifier but which are not one: 签约10亿 is not 约10亿. */
const WORD_ENDING_IN_QUALIFIER = /^(?:[签合预节制公条契特和婉]约|[最附邻靠贴]近|[赶高]超)$/;

function runEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && i - start < MAX_RUN) {
    const ch = text[i] as string;
    const prev = text[i - 1] ?? '';
    if (AMOUNT_CHAR.test(ch)) i++;
    else if (ch === ',' && /\d/.test(prev) && /^\d{3}(?!\d)/.test(text.slice(i + 1))) i++;
    else if (ch === ' ' && AMOUNT_CHAR.test(prev) && UNIT_CHAR.test(text[i + 1] ?? '')) i++;
    else break;
  }
  return i;
}

/** The longest amount with a money unit starting at `start`, as its end, or -1. */
function amountEnd(text: string, start: number): number {
  for (let end = runEnd(text, start); end > start; end--) {
    const slice = text.slice(start, end);
    if (!/[万亿元]/.test(slice) || /[\s,]$/.test(slice)) continue;
    const r = readNumeral(slice.replace(/\s/g, '').replace(/,/g, ''));
    if (!r.ok || !(r.bigUnit || r.yuan)) continue;
    const after = text.slice(end);
    if (!r.yuan && NOT_MONEY_AFTER.test(after)) return -1;
    if (r.shorthandEnd && !SHORTHAND_END_OK.test(after)) continue;
    return end;
  }
  return -1;
}

function wordBefore(text: string, at: number, words: readonly string[]): string | null {
  return words.find((w) => at >= w.length && text.startsWith(w, at - w.length)) ?? null;
}

function wordAfter(text: string, at: number, words: readonly string[]): string | null {
  return words.find((w) => text.startsWith(w, at)) ?? null;
}

/**
 * Every amount in a sentence (华峰铝业那个项目今天签了正式合同，5个亿 / 合同金额4.6亿 / 本月到位8000万),
 * with its span, qualifier and label. Only numbers with a money unit count: 6月1日, 3家企业, 2期 and
 * 年产30万吨 are not amounts. The text is expected already folded (full-width digits made half-width).
 */
export function findAmounts(text: string): FoundAmount[] {
  const found: FoundAmount[] = [];
  let i = 0;
  while (i < text.length) {
    START_CHAR.lastIndex = i;
    if (!START_CHAR.test(text) || INSIDE_NUMBER.test(text[i - 1] ?? '')) {
      i++;
      continue;
    }
    let end = amountEnd(text, i);
    if (end < 0) {
      i++;
      continue;
    }
    for (let w = wordAfter(text, end, ['元整', '整', '人民币', ...QUALIFIERS_AFTER]); w; ) {
      end += w.length;
      w = wordAfter(text, end, ['整', '人民币', ...QUALIFIERS_AFTER.filter((q) => q.length > 1)]);
    }
    let start = i;
    // a word before the number is its own only if the amount before did not take it (两元人民币十万)
    const floor = found.at(-1)?.end ?? 0;
    const spaced = text[start - 1] === ' ' ? 1 : 0;
    for (let n = 0; n < 2; n++) {
      const at = start - (n === 0 ? spaced : 0);
      const w = wordBefore(text, at, ['人民币', '¥', ...QUALIFIERS_BEFORE]);
      if (!w || WORD_ENDING_IN_QUALIFIER.test(text.slice(Math.max(0, at - w.length - 1), at))) break;
      if (at - w.length < floor) break;
      start -= w.length + (n === 0 ? spaced : 0);
    }
    const raw = text.slice(start, end);
    let reading: ReturnType<typeof readAmount>;
    try {
      reading = readAmount(raw);
    } catch (e) {
      if (!isUserError(e)) throw e;
      i = end;
      continue;
    }
    const joiner = KEY_JOINERS.exec(text.slice(Math.max(floor, start - 2), start))?.[0] ?? '';
    const keyed = wordBefore(text, start - joiner.length, KEYS);
    const key = keyed && start - joiner.length - keyed.length >= floor ? keyed : null;
    found.push({
      start: key ? start - joiner.length - key.length : start,
      end,
      wan: reading.wan,
      qualifier: reading.qualifier,
      raw,
      key,
    });
    i = end;
  }
  return found;
}
