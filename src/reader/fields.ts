import { UserError } from '../core/errors.ts';
import { zh } from '../text/zh.ts';
import { charCount, MAX_NAME_CHARS, MAX_TEXT_CHARS } from './limits.ts';
import { stripQuotes, type Token, tokenize } from './tokens.ts';

/** How one command's words after its trigger are laid out. */
export interface ArgGrammar {
  /**
   * The first token names something (a project, a unit, a person, a destination). `names` are
   * keys that may fill it instead, written with a colon, as a form does (`项目：…`).
   */
  head?: { key: string; optional?: boolean; names?: string[] };
  /** `键值` fields, canonical key → the names people write for it. */
  keys?: Record<string, { names: string[]; list?: boolean }>;
  /** Unkeyed tokens, filled in order by the first slot that accepts them. */
  positionals?: Array<{ key: string; accepts: (token: string) => boolean }>;
  /** Everything after the head (and leading positionals) is free text under this key. */
  restKey?: string;
  /** The rest is a name (a unit, a person, a command), held to the name limit rather than the text limit. */
  restIsName?: boolean;
}

/**
 * Whether a run of words names something the reader cannot know by itself (a project of the
 * district): the run is, or is part of, such a name. So a run holds whenever a longer run that
 * starts with it holds.
 */
export type KnownName = (candidate: string) => boolean;

/** Set when the head was written in quotes: an exact name, never a part of one. */
export const HEAD_QUOTED = 'headQuoted';

export type RawArgs = Record<string, string | string[] | undefined>;

function colonless(value: string): string {
  return value.replace(/^[:=]\s*/, '').trim();
}

/**
 * Reads the words after a trigger into raw strings by canonical key. It only sorts words into
 * fields; what a value must look like is each command's schema's business.
 */
export function readFields(
  text: string,
  grammar: ArgGrammar,
  original: (from: number) => string = (from) => text.slice(from).trim(),
  known?: KnownName,
): RawArgs {
  // a colon right after the command word (`登记签约：再生铝项目 …`, `进度: 铝灰渣 …`) is not a word
  const lead = /^[:=]\s*/.exec(text)?.[0].length ?? 0;
  const body = text.slice(lead);
  return withinLimits(
    sortFields(body, grammar, (from) => original(lead + from), known),
    grammar,
  );
}

/** Every name and field fits a name, the free text fits a text: else a refusal, before anything is read further. */
export function withinLimits(args: RawArgs, grammar: ArgGrammar): RawArgs {
  for (const [key, value] of Object.entries(args)) {
    const text = key === grammar.restKey && !grammar.restIsName;
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      const n = charCount(v);
      if (text && n > MAX_TEXT_CHARS) throw new UserError(zh.textTooLong(n, MAX_TEXT_CHARS));
      if (!text && n > MAX_NAME_CHARS)
        throw new UserError(zh.nameTooLong([...v].slice(0, 10).join(''), n, MAX_NAME_CHARS));
    }
  }
  return args;
}

/** A word of a foreign company's name (`Smith`, `Co.`, `Ltd.`, `A&B`), and a value that ends in one. */
const LATIN_WORD = /^[A-Za-z][A-Za-z0-9.&'()-]*$/;
const LATIN_NAME = /[A-Za-z][A-Za-z0-9.&'()-]*$/;

/** How many words an unquoted head may span when it is read against the known names. */
const MAX_HEAD_WORDS = 8;

interface KeyNames {
  /** Every name of every key, with its key and whether it takes a list: the longest first. */
  names: Array<[string, string, boolean]>;
  /** The names a form writes the head under, longest first. */
  headNames: string[];
}

const keyNamesByGrammar = new WeakMap<ArgGrammar, KeyNames>();

/** A command's grammar never changes: its key names are sorted once, not for every message. */
function keyNamesOf(grammar: ArgGrammar): KeyNames {
  const known = keyNamesByGrammar.get(grammar);
  if (known) return known;
  const names: KeyNames['names'] = [];
  for (const [key, def] of Object.entries(grammar.keys ?? {})) {
    for (const n of def.names) names.push([n, key, def.list ?? false]);
  }
  names.sort((a, b) => b[0].length - a[0].length);
  // a head key the command also has as a key of its own (修改's 名称) stays that key
  const headNames = (grammar.head?.names ?? [])
    .filter((n) => !names.some(([m]) => m === n))
    .sort((a, b) => b.length - a.length);
  const made = { names, headNames };
  keyNamesByGrammar.set(grammar, made);
  return made;
}

function sortFields(
  text: string,
  grammar: ArgGrammar,
  original: (from: number) => string,
  known?: KnownName,
): RawArgs {
  const out: RawArgs = {};
  // a command without arguments reads the rest as conversation: 「签约未开工有哪些」, 「本月晾晒？」
  if (!grammar.head && !grammar.keys && !grammar.positionals && !grammar.restKey) return out;
  const tokens = tokenize(text);
  const { names, headNames } = keyNamesOf(grammar);
  const keyOf = (t: Token) => (t.quoted ? undefined : names.find(([n]) => t.text.startsWith(n)));
  const headKeyOf = (t: Token) =>
    t.quoted
      ? undefined
      : headNames.find((n) => t.text.startsWith(n) && /^[:=]/.test(t.text.slice(n.length)));
  const positionals = [...(grammar.positionals ?? [])];
  const open = (t: Token) =>
    keyOf(t) !== undefined ||
    headKeyOf(t) !== undefined ||
    positionals.some((p) => out[p.key] === undefined && p.accepts(t.text));
  const startsLine = (i: number) => i === 0 || tokens[i - 1]?.line !== tokens[i]?.line;

  /**
   * The value after the key in tokens[i]: the rest of that token, else the next token. A key that
   * begins its line (a form message, one field a line) runs on over the words after it on that line
   * up to the next key or bare value, so `投资方：Delta Power Co., Ltd.` keeps its spaces; elsewhere
   * a Latin name runs on over Latin words only.
   */
  const valueAt = (i: number, name: string, runOn: boolean): [string, number] => {
    const token = tokens[i] as Token;
    let value = colonless(token.text.slice(name.length));
    let last = i;
    if (!value && tokens[i + 1]) {
      last = i + 1;
      value = colonless((tokens[last] as Token).text);
    }
    if (!value || !runOn || tokens[last]?.quoted) return [value, last];
    // elsewhere only Latin words run on a Latin name (`投资方A.O. Smith Corp.`): a stray Chinese word stays an error
    const latin = LATIN_NAME.test(value);
    const joins = (t: Token) => startsLine(i) || (latin && LATIN_WORD.test(t.text));
    let end = last;
    const next = () => tokens[end + 1];
    while (next()?.line === token.line && !next()?.quoted && !open(next() as Token) && joins(next() as Token))
      end++;
    if (end > last) value = colonless(text.slice(token.start + name.length, (tokens[end] as Token).end));
    return [value, end];
  };

  /** The longest run of words from the first that a known name holds (`Delta Power Co., Ltd. 储能电池项目`). */
  const knownRun = (): number => {
    const first = tokens[0];
    if (!known || !first || first.quoted) return 0;
    let last = 0;
    while (last + 1 < MAX_HEAD_WORDS && tokens[last + 1]?.line === first.line && !tokens[last + 1]?.quoted)
      last++;
    // the longest run a name holds: once a run is in no name, no longer run is (see KnownName)
    let held = 0;
    for (let k = 1; k <= last; k++) {
      if (!known(text.slice(first.start, (tokens[k] as Token).end))) break;
      held = k;
    }
    return held;
  };

  const used = new Set<number>();
  let index = 0;
  if (grammar.head && tokens[0]) {
    const at = tokens.findIndex((t) => headKeyOf(t) !== undefined);
    // in a command with free text the words after the head are the text's, so only a first head key counts
    if (at === 0 || (at > 0 && !grammar.restKey)) {
      const name = headKeyOf(tokens[at] as Token) as string;
      const laterLines = tokens.some((t) => t.line > (tokens[at] as Token).line);
      const [value, last] = valueAt(at, name, !grammar.restKey || laterLines);
      if (!value) throw new UserError(zh.fieldEmpty(name));
      out[grammar.head.key] = stripQuotes(value);
      if (stripQuotes(value) !== value) out[HEAD_QUOTED] = 'yes';
      for (let k = at; k <= last; k++) used.add(k);
      if (at === 0) index = last + 1;
    } else if (!keyOf(tokens[0])) {
      // (a key where the name should be, 「登记签约 合同额12亿」, means the name is missing, not named 合同额12亿)
      const last = knownRun();
      const first = tokens[0];
      out[grammar.head.key] = last === 0 ? first.text : text.slice(first.start, (tokens[last] as Token).end);
      if (first.quoted) out[HEAD_QUOTED] = 'yes';
      index = last + 1;
    }
  }

  if (grammar.restKey) {
    for (;;) {
      const token = tokens[index];
      if (!token) break;
      // a keyed field before the free text (「问题 铝灰渣项目 类型:审批 危废许可证审批慢」)
      const named = keyOf(token);
      const value = named ? colonless(token.text.slice(named[0].length)) : '';
      if (named && value && out[named[1]] === undefined) {
        out[named[1]] = value;
        index++;
        continue;
      }
      if (!positionals[0]?.accepts(token.text)) break;
      out[(positionals.shift() as { key: string }).key] = token.text;
      index++;
    }
    const from = tokens[index]?.start;
    if (from !== undefined) out[grammar.restKey] = original(from);
    return out;
  }

  let lastList: string | undefined;
  while (index < tokens.length) {
    if (used.has(index)) {
      index++;
      continue;
    }
    const token = tokens[index] as Token;
    const named = keyOf(token);
    if (named) {
      const [name, key, list] = named;
      const [value, last] = valueAt(index, name, !list);
      index = last + 1;
      if (!value) throw new UserError(zh.fieldEmpty(name));
      if (list) {
        out[key] = [...((out[key] as string[] | undefined) ?? []), ...value.split(/[、,]/).filter(Boolean)];
        lastList = key;
      } else {
        if (out[key] !== undefined) throw new UserError(zh.fieldTwice(name));
        out[key] = value;
        lastList = undefined;
      }
      continue;
    }
    index++;
    const slot = positionals.findIndex((p) => out[p.key] === undefined && p.accepts(token.text));
    if (slot >= 0) {
      out[(positionals[slot] as { key: string }).key] = token.text;
      lastList = undefined;
      continue;
    }
    if (lastList) {
      (out[lastList] as string[]).push(token.text);
      continue;
    }
    throw new UserError(zh.fieldUnknown(token.text));
  }
  return out;
}
