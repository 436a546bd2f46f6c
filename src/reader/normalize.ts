import { trimTail } from './tail.ts';

/** A folded message that still knows where each of its characters came from. */
export interface Normalized {
  text: string;
  /** The message ended as a question (`？`, `吗`, `呢` …), though a trailing `？` itself is gone from `text`. */
  asked: boolean;
  /** The raw text behind `text.slice(from, to)`, so free text (notes) keeps the writer's own punctuation. */
  original(from: number, to?: number): string;
}

export interface NormalizeOptions {
  /** The bot's own names: `@name` goes wherever it stands, even with no blank after it (`@赛马助手登记签约`). */
  botNames?: readonly string[];
}

const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
const BLANK = /[\s\u00a0\u3000]/;

/**
 * NFKC of one code point. Printable ASCII and the CJK Unified Ideographs (U+4E00–U+9FFF), nearly
 * every character of every message, are their own NFKC form, so they skip the call: it cost about a
 * tenth of reading a 查询 (test/reader/normalize.test.ts checks the ranges against NFKC itself).
 */
export function nfkcOf(cp: string): string {
  const code = cp.charCodeAt(0);
  if ((code >= 0x20 && code < 0x7f) || (code >= 0x4e00 && code <= 0x9fff)) return cp;
  return cp.normalize('NFKC');
}

/** A blank of either kind; a line break stays one, because a form message puts one field on each line. */
const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\n';

/**
 * Folds a message to one canonical form: NFKC turns full-width letters, digits, spaces and
 * punctuation (`：，（）０-９`) into their half-width forms; @-mentions, surrounding blanks, and
 * the closing punctuation and thanks people end a message with go (src/reader/tail.ts).
 */
export function normalize(raw: string, options: NormalizeOptions = {}): Normalized {
  const chars: string[] = [];
  const origin: number[] = [];
  const originEnd: number[] = [];
  let i = 0;
  for (const cp of raw) {
    for (const ch of nfkcOf(cp)) {
      chars.push(LINE_BREAK.test(ch) ? '\n' : BLANK.test(ch) ? ' ' : ch);
      origin.push(i);
      originEnd.push(i + cp.length);
    }
    i += cp.length;
  }
  dropBotMentions(chars, options.botNames ?? []);
  // Other @mentions: an @ at the start or after a blank, up to the next blank.
  for (let k = 0; k < chars.length; k++) {
    if (chars[k] === '@' && (k === 0 || isBlank(chars[k - 1]))) {
      let j = k;
      while (j < chars.length && !isBlank(chars[j])) chars[j++] = ' ';
    }
  }
  // A run of blanks becomes one: a line break if the run holds one, else a space.
  const outChars: string[] = [];
  const outOrigin: number[] = [];
  const outEnd: number[] = [];
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k] as string;
    const last = outChars[outChars.length - 1];
    if (isBlank(ch) && (outChars.length === 0 || isBlank(last))) {
      if (ch === '\n' && last === ' ') outChars[outChars.length - 1] = '\n';
      continue;
    }
    outChars.push(ch);
    outOrigin.push(origin[k] as number);
    outEnd.push(originEnd[k] as number);
  }
  const tail = trimTail(outChars.join(''));
  const text = tail.text;
  const mention = mentionPattern(options.botNames ?? []);
  return {
    text,
    asked: tail.asked,
    original(from, to = text.length) {
      if (from >= text.length) return '';
      const start = outOrigin[from] as number;
      // past the end means the end of what was kept, not of the raw text: its closing 。/谢谢 stay dropped
      const end = to >= text.length ? (outEnd[text.length - 1] as number) : (outOrigin[to] as number);
      const slice = raw.slice(start, end);
      // the raw text still holds a mention inside free text (`已完成 @赛马助手 下周进场`)
      return (mention ? slice.replace(mention, '') : slice).trim();
    },
  };
}

/** Blanks out `@name` for each of the bot's names, longest first, wherever it stands. */
function dropBotMentions(chars: string[], names: readonly string[]): void {
  const folded = names
    .map((n) => [...n.normalize('NFKC')].map((c) => (BLANK.test(c) ? ' ' : c)))
    .filter((n) => n.length > 0)
    .sort((a, b) => b.length - a.length);
  if (!folded.length) return;
  for (let k = 0; k < chars.length; k++) {
    if (chars[k] !== '@') continue;
    const name = folded.find((n) => n.every((c, j) => chars[k + 1 + j] === c));
    if (!name) continue;
    for (let j = 0; j <= name.length; j++) chars[k + j] = ' ';
    k += name.length;
  }
}

/** The bot's mentions as written in the raw text, with the blanks before them. */
function mentionPattern(names: readonly string[]): RegExp | null {
  const written = names
    .map((n) => n.trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return written.length ? new RegExp(`[ \\t\u3000]*[@＠](?:${written.join('|')})`, 'g') : null;
}

export function normalizeText(raw: string, options: NormalizeOptions = {}): string {
  return normalize(raw, options).text;
}
