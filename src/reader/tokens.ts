/** One piece of a message between separators; quoted pieces keep their spaces. */
export interface Token {
  text: string;
  quoted: boolean;
  start: number;
  end: number;
}

const SEPARATORS = new Set([' ', ',', ';', '、']);
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』', "'": "'" };

/** Splits on spaces, `,`, `;` and `、` (already folded to half-width) outside quotes. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (SEPARATORS.has(ch)) {
      i++;
      continue;
    }
    const close = QUOTES[ch];
    if (close) {
      const end = text.indexOf(close, i + 1);
      if (end > i) {
        tokens.push({ text: text.slice(i + 1, end).trim(), quoted: true, start: i, end: end + 1 });
        i = end + 1;
        continue;
      }
    }
    let j = i;
    while (j < text.length && !SEPARATORS.has(text[j] as string)) j++;
    tokens.push({ text: text.slice(i, j), quoted: false, start: i, end: j });
    i = j;
  }
  return tokens;
}

export function stripQuotes(text: string): string {
  const s = text.trim();
  const close = QUOTES[s[0] ?? ''];
  if (close && s.length >= 2 && s.endsWith(close)) return s.slice(1, -1).trim();
  return s;
}
