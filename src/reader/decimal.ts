/**
 * An exact decimal `n / 10^s`, so that 3.2亿 or 2.5个亿 become whole 元 without float drift and a
 * 400-digit number is still compared correctly against the largest plausible amount.
 */
export interface Dec {
  readonly n: bigint;
  readonly s: number;
}

export const ZERO: Dec = { n: 0n, s: 0 };

export function decOf(n: bigint, s: number): Dec {
  return { n, s };
}

function align(a: Dec, s: number): bigint {
  return a.n * 10n ** BigInt(s - a.s);
}

export function decAdd(a: Dec, b: Dec): Dec {
  const s = Math.max(a.s, b.s);
  return { n: align(a, s) + align(b, s), s };
}

/** Multiplies by 10^p (p may be negative). */
export function decScale(a: Dec, p: number): Dec {
  if (p >= 0) {
    const keep = Math.min(a.s, p);
    return { n: a.n * 10n ** BigInt(p - keep), s: a.s - keep };
  }
  return { n: a.n, s: a.s - p };
}

export function decIsZero(a: Dec): boolean {
  return a.n === 0n;
}

/** Rounded half up to a whole number (the values here are never negative). */
export function decRound(a: Dec): bigint {
  if (a.s === 0) return a.n;
  const d = 10n ** BigInt(a.s);
  return (a.n * 2n + d) / (2n * d);
}

export function decToString(a: Dec): string {
  if (a.s === 0) return a.n.toString();
  const digits = a.n.toString().padStart(a.s + 1, '0');
  const whole = digits.slice(0, digits.length - a.s);
  const frac = digits.slice(digits.length - a.s).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

export function decToNumber(a: Dec): number {
  return Number(decToString(a));
}
