/**
 * Amounts are 万元 inside. A 万元 value carries at most 4 decimals (one 元), and sums are
 * done in whole 元 so that adding many instalments never drifts.
 */
export type Wan = number;

const YUAN_PER_WAN = 10_000;

export function toYuan(wan: Wan): number {
  return Math.round(wan * YUAN_PER_WAN);
}

export function fromYuan(yuan: number): Wan {
  return yuan / YUAN_PER_WAN;
}

export function roundWan(wan: Wan): Wan {
  return fromYuan(toYuan(wan));
}

export function sumWan(values: Iterable<Wan>): Wan {
  let yuan = 0;
  for (const v of values) yuan += toYuan(v);
  return fromYuan(yuan);
}

function trimNumber(n: number, digits: number): string {
  const fixed = n.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/**
 * The one way an amount is shown, in every answer, push and picture: from 1亿 up in 亿元 to two
 * decimals (77.86亿元, 64.1亿元, 12亿元), below it in 万元 to the 元 as stored (8000万元, 400万元,
 * 0.5万元). Values stay exact inside; only the text is rounded.
 */
export function formatWan(wan: Wan): string {
  const exact = roundWan(wan);
  if (Math.abs(exact) >= 10_000) return `${trimNumber(exact / 10_000, 2)}亿元`;
  return `${trimNumber(exact, 4)}万元`;
}
