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
