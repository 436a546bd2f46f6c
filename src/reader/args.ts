import { z } from 'zod';
import { isUserError } from '../core/errors.ts';
import { zh } from '../text/zh.ts';
import { looksLikeAmount, parseAmount } from './amount.ts';
import { parseDate, parsePastDate } from './date.ts';
import type { ArgGrammar } from './fields.ts';
import { stripQuotes } from './tokens.ts';

/**
 * One argument, declared once: where the reader finds it (the reader's keys, head, rest, bare
 * words) and what its value must look like (the zod type). A command lists its arguments as a
 * record of these; `readerOf` and `schemaOf` derive the grammar and the schema from that one list.
 */
export interface Field<T> {
  readonly place: Place;
  readonly schema: (now: Date) => z.ZodType<T>;
  /** How the bot asks for this argument when a message lacks it (src/core/asking.ts). */
  readonly ask?: AskFor;
}

/** What a missing argument is called, how a typed answer is read, and the choices to number. */
export interface AskFor {
  label: string;
  kind: 'choice' | 'amount' | 'date' | 'text';
  /** For a choice: each canonical value with the words people write for it. */
  options?: Array<{ value: string; words: string[] }>;
}

function optionsOf(options: Record<string, string>): NonNullable<AskFor['options']> {
  const byValue = new Map<string, string[]>();
  for (const [word, value] of Object.entries(options))
    byValue.set(value, [...(byValue.get(value) ?? []), word]);
  return [...byValue].map(([value, words]) => ({ value, words }));
}

type Place =
  /** `names`: keys a form writes the head under (`项目：…`) */
  | { at: 'head'; names?: string[] }
  | { at: 'key'; names: string[]; list?: boolean; bare?: (token: string) => boolean }
  | { at: 'bare'; accepts: (token: string) => boolean }
  | { at: 'rest'; isName?: boolean }
  /** filled by a command's pattern or by the reader itself, never written as a key */
  | { at: 'given' };

/** What a form calls the project it is about (`项目：华峰铝业铝深加工项目`). */
export const PROJECT_KEYS = ['项目名称', '项目', '名称'];

export type Fields = Record<string, Field<unknown>>;
export type ArgsOf<F extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

export interface KeyOptions {
  /** Other names people write for the key; the label is always one. */
  synonyms?: string[];
  optional?: boolean;
  /** Also take a word written without the key when it looks like a value (`8000万`, `正式合同`). */
  bare?: boolean;
}
type Maybe<O, T> = O extends { optional: true } ? T | undefined : T;

/** Turns a reader function's UserError into a zod issue, so one schema reports every problem at once. */
function reading<T>(read: (s: string) => T) {
  return (s: string, ctx: z.core.$RefinementCtx<string>): T => {
    try {
      return read(s);
    } catch (e) {
      if (!isUserError(e)) throw e;
      ctx.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
  };
}

const str = (label: string) => z.string({ error: zh.fieldMissing(label) });
const text = (label: string) =>
  str(label)
    .transform((s) => stripQuotes(s))
    .pipe(z.string().min(1, zh.fieldEmpty(label)));

function choiceOf<T extends string>(label: string, options: Record<string, T>) {
  return str(label).transform((s, ctx) => {
    const key = s.trim();
    if (Object.hasOwn(options, key)) return options[key] as T;
    ctx.addIssue({ code: 'custom', message: zh.enumUnknown(label, s, [...new Set(Object.values(options))]) });
    return z.NEVER;
  });
}

const acceptsChoice = (options: Record<string, unknown>) => (token: string) =>
  Object.hasOwn(options, token.trim());

function keyed<T, O extends KeyOptions>(
  label: string,
  o: O | undefined,
  schema: (now: Date) => z.ZodType<T>,
  extra: { list?: boolean; looks?: (token: string) => boolean; ask?: AskFor } = {},
): Field<Maybe<O, T>> {
  const names = [label, ...(o?.synonyms ?? []).filter((n) => n !== label)];
  const bare = o?.bare ? extra.looks : undefined;
  return {
    place: { at: 'key', names, ...(extra.list ? { list: true } : {}), ...(bare ? { bare } : {}) },
    schema: (now) => (o?.optional ? schema(now).optional() : schema(now)) as z.ZodType<Maybe<O, T>>,
    ask: extra.ask ?? { label, kind: 'text' },
  };
}

type Chosen<T, O> = O extends { default: T } ? T : Maybe<O, T>;

function withDefault<T extends string, O extends { optional?: boolean; default?: T }>(
  place: Place,
  label: string,
  options: Record<string, T>,
  o: O | undefined,
): Field<Chosen<T, O>> {
  const schema = () => {
    const s = choiceOf(label, options);
    if (o?.default !== undefined) return s.default(o.default as never);
    return o?.optional ? s.optional() : s;
  };
  const ask: AskFor = { label, kind: 'choice', options: optionsOf(options) };
  return { place, schema, ask } as unknown as Field<Chosen<T, O>>;
}

export const field = {
  text: <O extends KeyOptions>(label: string, o?: O) => keyed(label, o, () => text(label)),
  amount: <O extends KeyOptions>(label: string, o?: O) =>
    keyed(label, o, () => str(label).transform(reading(parseAmount)), {
      looks: looksLikeAmount,
      ask: { label, kind: 'amount' },
    }),
  /** A date that may lie ahead (a deadline). */
  date: <O extends KeyOptions>(label: string, o?: O) =>
    keyed(label, o, (now) => str(label).transform(reading((s) => parseDate(s, now))), {
      ask: { label, kind: 'date' },
    }),
  /** A date something happened: today or earlier. */
  pastDate: <O extends KeyOptions>(label: string, o?: O) =>
    keyed(label, o, (now) => str(label).transform(reading((s) => parsePastDate(s, now))), {
      ask: { label, kind: 'date' },
    }),
  /** Several values after one key, split at 、 and , (`对接企业某甲公司、某乙公司`). */
  list: <O extends KeyOptions>(label: string, o?: O) =>
    keyed(
      label,
      o,
      () =>
        z
          .array(z.string(), { error: zh.fieldMissing(label) })
          .transform((xs) => xs.map(stripQuotes).filter(Boolean))
          .pipe(z.array(z.string()).min(1, zh.fieldEmpty(label))),
      { list: true },
    ),
  /** One of fixed options, each with the words people use for it; a miss lists the valid ones. */
  choice: <T extends string, O extends KeyOptions & { default?: T }>(
    label: string,
    options: Record<string, T>,
    o?: O,
  ) => {
    const f = keyed(label, o, () => choiceOf(label, options), { looks: acceptsChoice(options) });
    return withDefault(f.place, label, options, o);
  },
  /** The same options as a word on its own, no key (`问题 再生铝 土地 …`). */
  bareChoice: <T extends string, O extends { optional?: boolean; default?: T }>(
    label: string,
    options: Record<string, T>,
    o?: O,
  ) => withDefault({ at: 'bare', accepts: acceptsChoice(options) }, label, options, o),
  /** A word that is there or not (`重大`, `个人`). */
  flag: (words: readonly string[]): Field<boolean> => ({
    place: { at: 'bare', accepts: (t) => words.includes(t.trim()) },
    schema: () =>
      z
        .string()
        .optional()
        .transform((v) => v !== undefined),
  }),
  /** The first word names what the command is about; `tidy` trims what the trigger left on it. */
  head: (label: string, tidy?: (s: string) => string, names?: string[]): Field<string> => ({
    place: names ? { at: 'head', names } : { at: 'head' },
    schema: () => (tidy ? text(label).transform((s) => tidy(s) || s) : text(label)),
    ask: { label, kind: 'text' },
  }),
  /** The project a command is about: its 编号, name or part of a name. */
  project: (tidy?: (s: string) => string): Field<string> => field.head('项目名称', tidy, PROJECT_KEYS),
  /** A word without a key, taken when `accepts` says it is this one (`2023年`, a tier name). */
  bare: <O extends { optional?: boolean }>(label: string, accepts: (token: string) => boolean, o?: O) =>
    ({
      place: { at: 'bare', accepts },
      schema: () => (o?.optional ? text(label).optional() : text(label)),
    }) as Field<Maybe<O, string>>,
  /** A key whose value the command reads itself (a target value read by its indicator's kind). */
  raw: <O extends KeyOptions>(label: string, o?: O) => keyed(label, o, () => z.string()),
  /** A named group of the command's pattern (`2023年6月晾晒`), if it matched one. */
  given: (): Field<string | undefined> => ({ place: { at: 'given' }, schema: () => z.string().optional() }),
  /** Whether the reader marked the head as quoted (an exact name, never a part of one). */
  quoted: (): Field<boolean> => ({
    place: { at: 'given' },
    schema: () =>
      z
        .string()
        .optional()
        .transform((v) => v !== undefined),
  }),
  /** The rest of the message as free text; `missing` is what to say when there is none. */
  rest: (missing: string): Field<string> => ({
    place: { at: 'rest' },
    schema: () => z.string({ error: missing }).trim().min(1, missing),
  }),
  /** The rest of the message, if any: free text, or a name when `isName` (held to the name limit). */
  optionalRest: (o: { isName?: boolean } = {}): Field<string | undefined> => ({
    place: { at: 'rest', ...(o.isName ? { isName: true } : {}) },
    schema: () => z.string().trim().optional(),
  }),
  /** An argument with its own zod type, at a place of its own. */
  custom: <T>(place: Place, schema: (now: Date) => z.ZodType<T>): Field<T> => ({ place, schema }),
};

/** Where the reader finds each argument, as the grammar `readFields` sorts words by. */
export function readerOf(fields: Fields): ArgGrammar {
  const grammar: ArgGrammar = {};
  const keys: NonNullable<ArgGrammar['keys']> = {};
  const positionals: NonNullable<ArgGrammar['positionals']> = [];
  for (const [key, { place }] of Object.entries(fields)) {
    if (place.at === 'head') grammar.head = place.names ? { key, names: place.names } : { key };
    if (place.at === 'rest') {
      grammar.restKey = key;
      if (place.isName) grammar.restIsName = true;
    }
    if (place.at === 'key') {
      keys[key] = place.list ? { names: place.names, list: true } : { names: place.names };
      if (place.bare) positionals.push({ key, accepts: place.bare });
    }
    if (place.at === 'bare') positionals.push({ key, accepts: place.accepts });
  }
  if (Object.keys(keys).length) grammar.keys = keys;
  if (positionals.length) grammar.positionals = positionals;
  return grammar;
}

/** How to ask for each argument a message may lack, by key. */
export function asksOf(fields: Fields): Record<string, AskFor> {
  const out: Record<string, AskFor> = {};
  for (const [key, f] of Object.entries(fields)) if (f.ask) out[key] = f.ask;
  return out;
}

/** The zod object that checks every argument at once, for the day `now` falls on. */
export function schemaOf<F extends Fields>(fields: F): (now: Date) => z.ZodType<ArgsOf<F>> {
  return (now) =>
    z.object(
      Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.schema(now)])),
    ) as unknown as z.ZodType<ArgsOf<F>>;
}
