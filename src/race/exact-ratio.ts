/**
 * Exact fractions for comparing scores. Float sums of the same ratios in another order differ in the
 * last bit (1.2599999… against 1.26), which split tied units into two ranks; fractions of whole
 * numbers are either equal or not.
 */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function reduced(n: bigint, d: bigint): Ratio {
  if (d === 0n) throw new RangeError('division by zero');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

/** The number as it was written (its shortest decimal form): 3.7 is 37/10, not the nearest binary fraction. */
export function ratioOf(x: number): Ratio {
  const m = DECIMAL.exec(String(x));
  if (!m) throw new RangeError(`not a finite number: ${x}`);
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  const shift = Number(exponent) - fraction.length;
  let n = BigInt(`${sign}${whole}${fraction}`);
  let d = 1n;
  if (shift >= 0) n *= 10n ** BigInt(shift);
  else d = 10n ** BigInt(-shift);
  return reduced(n, d);
}

export const ZERO: Ratio = { n: 0n, d: 1n };

export function add(a: Ratio, b: Ratio): Ratio {
  return reduced(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function times(a: Ratio, b: Ratio): Ratio {
  return reduced(a.n * b.n, a.d * b.d);
}

export function over(a: Ratio, b: Ratio): Ratio {
  return reduced(a.n * b.d, a.d * b.n);
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compare(a: Ratio, b: Ratio): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The nearest float; equal fractions always give the same float. */
export function toNumber(r: Ratio): number {
  return Number(r.n) / Number(r.d);
}
