import { amountsIn, datesIn } from './spans.ts';

/**
 * The value in a typed answer to 「合同额是多少？」 or 「哪一天？」, as the command reads it: people
 * repeat the label or add a word (「合同额3.5亿」, 「6000万，银行回单」, 「是11月20号」).
 */
export function typedValue(
  kind: 'amount' | 'date' | 'text',
  answer: string,
  now: Date,
  /** What the message said before the question (「上月中旬」): a bare day in the answer is in that month. */
  said?: string | string[],
): string {
  if (kind === 'amount') {
    const [amount] = amountsIn(answer);
    return amount
      ? `${amount.wan}万`
      : answer.replace(/^[\u4e00-\u9fa5]*?(?=[0-9零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖])/u, '');
  }
  if (kind === 'date') {
    const lastMonth =
      typeof said === 'string' && /上个?月/u.test(said) && /^\s*\d{1,2}\s*[日号]?\s*$/u.test(answer);
    const day = lastMonth ? `上个月${answer.trim().replace(/[日号]?$/u, '号')}` : answer;
    return datesIn(day, now)[0]?.date ?? answer;
  }
  return answer;
}
