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

/** 亿元 when ≥ 1亿, else 万元; never rounds away a whole 万元 below 1亿. */
export function formatWan(wan: Wan): string {
  if (Math.abs(wan) >= 10_000) return `${trimNumber(wan / 10_000, 4)}亿元`;
  return `${trimNumber(wan, 4)}万元`;
}

/** The seed's own style for headline figures: one decimal of 亿元. */
export function formatYi1(wan: Wan): string {
  return `${(Math.round(wan / 1000) / 10).toFixed(1)}亿元`;
}

/** Short form for tables: at most two decimals of 亿, or whole 万. Display only. */
export function formatWanShort(wan: Wan): string {
  if (Math.abs(wan) >= 10_000) return `${trimNumber(wan / 10_000, 2)}亿`;
  return `${trimNumber(wan, 0)}万`;
}
