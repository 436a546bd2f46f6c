import { UserError } from '../core/errors.ts';
import { zh } from '../text/zh.ts';
import { charCount, MAX_NAME_CHARS, MAX_TEXT_CHARS } from './limits.ts';
import { type Token, tokenize } from './tokens.ts';

/** How one command's words after its trigger are laid out. */
export interface ArgGrammar {
  /** The first token names something (a project, a unit, a person, a destination). */
  head?: { key: string; optional?: boolean };
  /** `键值` fields, canonical key → the names people write for it. */
  keys?: Record<string, { names: string[]; list?: boolean }>;
  /** Unkeyed tokens, filled in order by the first slot that accepts them. */
  positionals?: Array<{ key: string; accepts: (token: string) => boolean }>;
  /** Everything after the head (and leading positionals) is free text under this key. */
  restKey?: string;
  /** The rest is a name (a unit, a person, a command), held to the name limit rather than the text limit. */
  restIsName?: boolean;
}

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
): RawArgs {
  return withinLimits(sortFields(text, grammar, original), grammar);
}

/** Every name and field fits a name, the free text fits a text: else a refusal, before anything is read further. */
function withinLimits(args: RawArgs, grammar: ArgGrammar): RawArgs {
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

function sortFields(text: string, grammar: ArgGrammar, original: (from: number) => string): RawArgs {
  const out: RawArgs = {};
  // a command without arguments reads the rest as conversation: 「签约未开工有哪些」, 「本月晾晒？」
  if (!grammar.head && !grammar.keys && !grammar.positionals && !grammar.restKey) return out;
  const tokens = tokenize(text);
  let index = 0;
  const names: Array<[string, string, boolean]> = [];
  for (const [key, def] of Object.entries(grammar.keys ?? {})) {
    for (const n of def.names) names.push([n, key, def.list ?? false]);
  }
  names.sort((a, b) => b[0].length - a[0].length);
  const keyOf = (t: Token) => (t.quoted ? undefined : names.find(([n]) => t.text.startsWith(n)));

  // a key where the name should be (「登记签约 合同额12亿」) means the name is missing, not named 合同额12亿
  if (grammar.head && tokens[0] && !keyOf(tokens[0])) {
    out[grammar.head.key] = tokens[0].text;
    if (tokens[0].quoted) out[HEAD_QUOTED] = 'yes';
    index = 1;
  }
  const positionals = [...(grammar.positionals ?? [])];

  if (grammar.restKey) {
    while (tokens[index] && positionals[0]?.accepts(tokens[index]?.text ?? '')) {
      out[(positionals.shift() as { key: string }).key] = tokens[index]?.text;
      index++;
    }
    const from = tokens[index]?.start;
    if (from !== undefined) out[grammar.restKey] = original(from);
    return out;
  }

  let lastList: string | undefined;
  while (index < tokens.length) {
    const token = tokens[index] as Token;
    index++;
    const named = keyOf(token);
    if (named) {
      const [name, key, list] = named;
      let value = colonless(token.text.slice(name.length));
      if (!value && tokens[index]) {
        value = colonless((tokens[index] as Token).text);
        index++;
      }
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
