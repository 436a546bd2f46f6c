import { performance } from 'node:perf_hooks';

export interface Timing {
  median: number;
  p95: number;
  max: number;
}

/** Runs `fn` a few times to warm up, then `runs` times; milliseconds. */
export async function measure(fn: () => unknown | Promise<unknown>, runs = 30, warmup = 3): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { median: at(0.5), p95: at(0.95), max: times[times.length - 1] as number };
}

export function ms(n: number): string {
  return `${n.toFixed(n < 10 ? 2 : 1)} ms`;
}

/** Smallest, middle and largest of several rounds' values. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error('spread of no values');
  return {
    min: sorted[0] as number,
    median: sorted[Math.floor((sorted.length - 1) / 2)] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

/** One round's figure of a thing measured (a median in ms, requests per second, …). */
export type RoundFigure = () => number | Promise<number>;

export interface Compared {
  baseline: Spread;
  subject: Spread;
  /** subject ÷ baseline, taken per round, so both sides of a ratio saw the same machine moment. */
  ratio: Spread;
}

/**
 * Measures a baseline and the thing compared with it in alternating rounds (the order flips each
 * round) after both were warmed up, so neither profits from a quiet moment or a warm JIT the other
 * did not get. These machines are noisy: report min/median/max, never one number.
 */
export async function alternate(
  baseline: RoundFigure,
  subject: RoundFigure,
  options: { rounds?: number; warmup?: number } = {},
): Promise<Compared> {
  const rounds = options.rounds ?? 5;
  for (let i = 0; i < (options.warmup ?? 1); i++) {
    await baseline();
    await subject();
  }
  const b: number[] = [];
  const s: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let x: number;
    let y: number;
    if (i % 2 === 0) {
      x = await baseline();
      y = await subject();
    } else {
      y = await subject();
      x = await baseline();
    }
    b.push(x);
    s.push(y);
    r.push(y / x);
  }
  return { baseline: spread(b), subject: spread(s), ratio: spread(r) };
}

export function ratioText(r: Spread): string {
  return `×${r.median.toFixed(2)} (rounds min ×${r.min.toFixed(2)}, max ×${r.max.toFixed(2)})`;
}
