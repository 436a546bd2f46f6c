export function bigramsOf(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** Dice coefficient over character bigrams plus shared single characters: good enough for Chinese names. */
export function similarity(a: string, b: string): number {
  const ba = bigramsOf(a);
  const bb = new Map<string, number>();
  for (const g of bigramsOf(b)) bb.set(g, (bb.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of ba) {
    const n = bb.get(g) ?? 0;
    if (n > 0) {
      shared++;
      bb.set(g, n - 1);
    }
  }
  const bigramScore = (2 * shared) / (ba.length + bigramsOf(b).length || 1);
  const setB = new Set(b);
  const common = [...new Set(a)].filter((c) => setB.has(c)).length;
  return bigramScore + common / (new Set(a).size + setB.size);
}
