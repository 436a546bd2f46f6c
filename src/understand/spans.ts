import { isUserError } from '../core/errors.ts';
import { parseAmount } from '../reader/amount.ts';
import { parseDate } from '../reader/date.ts';
import type { LocalDate } from '../time/clock.ts';

/** A piece of a sentence the reader recognised, with where it stands so the rest can be read without it. */
export interface Span {
  start: number;
  end: number;
}
export interface AmountSpan extends Span {
  wan: number;
  /** The label written before it (合同额, 投资额, 到位 …), if any. */
  key: string | null;
}
export interface DateSpan extends Span {
  date: LocalDate;
}

const AMOUNT =
  /(合同额|合同金额|签约额|签约金额|金额|投资额|总投资|计划投资|投资|到位资金|到位|到账)?(?:[:：]|是|为|了|共|约|近|超过)?\s*([0-9][0-9.,]*|[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点]+)\s*(个亿|亿元|亿|万元|万|元)(?![亿吨平方头亩米千瓦台套件])/gu;

export function amountsIn(text: string): AmountSpan[] {
  const out: AmountSpan[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const unit = (m[3] as string).replace('个亿', '亿');
    try {
      const wan = parseAmount(`${m[2]}${unit}`);
      out.push({ start: m.index, end: m.index + m[0].length, wan, key: m[1] ?? null });
    } catch (e) {
      if (!isUserError(e)) throw e;
    }
  }
  return out;
}

const DATE =
  /(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?|\d{1,2}月\d{1,2}[日号]?|[零〇一二三四五六七八九十]+月[一二三四五六七八九十]+[日号]|今天|昨天|前天)/gu;

export function datesIn(text: string, now: Date): DateSpan[] {
  const out: DateSpan[] = [];
  for (const m of text.matchAll(DATE)) {
    const raw = (m[1] as string).replace(/号$/, '日').replace(/年|月/g, (c) => c);
    try {
      out.push({ start: m.index, end: m.index + m[0].length, date: parseDate(raw, now) });
    } catch (e) {
      if (!isUserError(e)) throw e;
    }
  }
  return out;
}
