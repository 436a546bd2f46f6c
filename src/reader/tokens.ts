/** One piece of a message between separators; quoted pieces keep their spaces. */
export interface Token {
  text: string;
  quoted: boolean;
  start: number;
  end: number;
  /** Which line of the message it starts on: in a form message each line holds one field. */
  line: number;
}

const SEPARATORS = new Set([' ', '\n', ',', ';', '、']);
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』', "'": "'" };

/** Splits on blanks, line breaks, `,`, `;` and `、` (already folded to half-width) outside quotes. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (SEPARATORS.has(ch)) {
      if (ch === '\n') line++;
      i++;
      continue;
    }
    const close = QUOTES[ch];
    if (close) {
      const end = text.indexOf(close, i + 1);
      if (end > i) {
        tokens.push({ text: text.slice(i + 1, end).trim(), quoted: true, start: i, end: end + 1, line });
        line += text.slice(i, end).split('\n').length - 1;
        i = end + 1;
        continue;
      }
    }
    let j = i;
    const first = line;
    while (j < text.length && !SEPARATORS.has(text[j] as string)) {
      // a quote after a key keeps its spaces too (`投资方“Delta Power Co., Ltd.”`); an apostrophe is a letter
      const inner = text[j] === "'" ? undefined : QUOTES[text[j] as string];
      const shut = inner ? text.indexOf(inner, j + 1) : -1;
      if (shut > j) line += text.slice(j, shut).split('\n').length - 1;
      j = shut > j ? shut + 1 : j + 1;
    }
    tokens.push({ text: text.slice(i, j), quoted: false, start: i, end: j, line: first });
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
