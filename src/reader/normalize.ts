/** A folded message that still knows where each of its characters came from. */
export interface Normalized {
  text: string;
  /** The raw text behind `text.slice(from, to)`, so free text (notes) keeps the writer's own punctuation. */
  original(from: number, to?: number): string;
}

const BLANK = /[\s\u00a0\u3000]/;

/**
 * Folds a message to one canonical form: NFKC turns full-width letters, digits, spaces and
 * punctuation (`：，（）０-９`) into their half-width forms; @-mentions and surrounding blanks go.
 */
export function normalize(raw: string): Normalized {
  const chars: string[] = [];
  const origin: number[] = [];
  let i = 0;
  for (const cp of raw) {
    for (const ch of cp.normalize('NFKC')) {
      chars.push(BLANK.test(ch) ? ' ' : ch);
      origin.push(i);
    }
    i += cp.length;
  }
  // Drop @mentions (an @ at the start or after a blank, up to the next blank).
  for (let k = 0; k < chars.length; k++) {
    if (chars[k] === '@' && (k === 0 || chars[k - 1] === ' ')) {
      let j = k;
      while (j < chars.length && chars[j] !== ' ') chars[j++] = ' ';
    }
  }
  const outChars: string[] = [];
  const outOrigin: number[] = [];
  for (let k = 0; k < chars.length; k++) {
    if (chars[k] === ' ' && (outChars.length === 0 || outChars[outChars.length - 1] === ' ')) continue;
    outChars.push(chars[k] as string);
    outOrigin.push(origin[k] as number);
  }
  while (outChars[outChars.length - 1] === ' ') {
    outChars.pop();
    outOrigin.pop();
  }
  const text = outChars.join('');
  return {
    text,
    original(from, to = outChars.length) {
      if (from >= outChars.length) return '';
      const start = outOrigin[from] as number;
      const end = to >= outChars.length ? raw.length : (outOrigin[to] as number);
      return raw.slice(start, end).trim();
    },
  };
}

export function normalizeText(raw: string): string {
  return normalize(raw).text;
}
