/** A small seeded generator (mulberry32), so the demo district is the same on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** `count` whole numbers in [min, max] that add up to exactly `total`. */
  split(total: number, count: number, min: number, max: number): number[] {
    if (count * min > total || count * max < total) throw new Error(`cannot split ${total} into ${count}`);
    const parts = Array.from({ length: count }, () => min);
    let left = total - count * min;
    while (left > 0) {
      const i = this.int(0, count - 1);
      const room = max - (parts[i] as number);
      if (room <= 0) continue;
      const add = Math.min(room, left, this.int(1, Math.max(1, Math.ceil(left / count))));
      parts[i] = (parts[i] as number) + add;
      left -= add;
    }
    return this.shuffle(parts);
  }
}
