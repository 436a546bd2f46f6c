import type { Pending, PendingOption } from '../../storage/schema.ts';
import { isBareNumber, parseAmount } from '../reader/amount.ts';
import type { AskFor } from '../reader/args.ts';
import { parseDate } from '../reader/date.ts';
import type { RawArgs } from '../reader/fields.ts';
import { parseNumber } from '../reader/numerals.ts';
import { zh } from '../text/zh.ts';
import { isoShanghai } from '../time/clock.ts';
import { DATE_HINTS, VAGUE_DATES } from '../understand/cues.ts';
import type { AskFirst } from './ask-first.ts';
import type { ChoiceNeeded } from './choice.ts';
import type { CommandSpec } from './command.ts';
import { isUserError } from './errors.ts';
import { type Reply, reply } from './reply.ts';

/** How long a question waits for its answer. */
export const QUESTION_TTL_MS = 10 * 60_000;

/** A message being completed: the command it will run and what is known so far. */
export interface Held {
  /** platform:chat:sender */
  id: string;
  actor: string;
  command: string | null;
  trigger: string;
  raw: RawArgs;
  confirmed: string[];
  said: string[];
}

export interface Question {
  pending: Pending;
  reply: Reply;
}

/** Arguments as a question keeps them: no empty entries. */
export function definedArgs(raw: RawArgs): Pending['raw'] {
  const out: Pending['raw'] = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = v;
  return out;
}

function question(
  held: Held,
  now: Date,
  ask: { text: string; options: PendingOption[]; field?: string | null; free?: Pending['free'] },
): Question {
  const pending: Pending = {
    id: held.id,
    actor: held.actor,
    askedAt: isoShanghai(now),
    expiresAt: isoShanghai(new Date(now.getTime() + QUESTION_TTL_MS)),
    question: ask.text,
    said: held.said,
    command: held.command,
    trigger: held.trigger,
    raw: definedArgs(held.raw),
    confirmed: held.confirmed,
    field: ask.field ?? null,
    free: ask.free ?? null,
    options: ask.options,
  };
  return { pending, reply: asked(pending) };
}

/** The question as the person sees it, with its numbered options. */
export function asked(pending: Pending): Reply {
  const lines = pending.options.map((o, i) => `${i + 1}. ${o.label}`);
  lines.push(pending.options.length ? zh.askHowToAnswer : zh.askHowToAnswerFree);
  return reply('question', pending.question, lines);
}

/** A date that names no one day (月底, 昨晚): asked about; a readable one (even in the future) is not. */
function unplaceable(value: string, now: Date): boolean {
  if (VAGUE_DATES.test(value)) return true;
  if (!DATE_HINTS.test(value)) return false;
  try {
    parseDate(value, now);
    return false;
  } catch (e) {
    if (isUserError(e)) return true;
    throw e;
  }
}

/**
 * A number written with no unit: the one amount the bot asks about instead of refusing. One that
 * already has 万 or 亿 (「2万亿」), or is too large even in 万, is refused as written instead.
 */
function bareNumber(value: string | string[] | undefined): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim().replace(/,/g, '');
  // the question repeats it four times: a longer one is refused, its echo clipped like any refusal
  if ([...s].length > 40 || isBareNumber(s) === null) return null;
  try {
    parseAmount(`${s}万`);
    return s;
  } catch (e) {
    if (isUserError(e)) return null;
    throw e;
  }
}

/**
 * When every problem with a message's arguments is one the person can answer in a word (a missing
 * contract type, an amount without its unit), the question for the first of them; else null, and
 * the message is refused as before.
 */
export function askForMissing(
  spec: CommandSpec,
  raw: RawArgs,
  problems: ReadonlyArray<{ path: PropertyKey[] }>,
  held: Held,
  now: Date,
): Question | null {
  const keys = [...new Set(problems.map((p) => String(p.path[0] ?? '')))];
  const askable = (key: string) => {
    const ask = spec.asks[key];
    if (!ask) return false;
    const value = raw[key];
    return (
      value === undefined ||
      (ask.kind === 'amount' && bareNumber(value) !== null) ||
      (ask.kind === 'date' && typeof value === 'string' && unplaceable(value, now))
    );
  };
  if (!keys.length || !keys.every(askable)) return null;
  const key = Object.keys(spec.asks).find((k) => keys.includes(k)) as string;
  const ask = spec.asks[key] as AskFor;
  if (ask.kind === 'date' && raw[key] !== undefined) {
    return question(held, now, {
      text: zh.askWhichDay(ask.label, String(raw[key])),
      options: [],
      field: key,
      free: 'date',
    });
  }
  const n = raw[key] === undefined ? null : bareNumber(raw[key]);
  if (n !== null) {
    return question(held, now, {
      text: zh.askAmountUnit(ask.label, n),
      options: [
        { label: `${n}亿元`, words: [`${n}亿`, '亿', '亿元'], set: { [key]: `${n}亿` } },
        { label: `${n}万元`, words: [`${n}万`, '万', '万元'], set: { [key]: `${n}万` } },
      ],
      field: key,
      free: 'amount',
    });
  }
  if (ask.kind === 'choice') {
    return question(held, now, {
      text: zh.askChoice(ask.label),
      options: (ask.options ?? []).map((o) => ({ label: o.value, words: o.words, set: { [key]: o.value } })),
      field: key,
    });
  }
  const text =
    key === 'name'
      ? zh.askProject
      : ask.kind === 'amount'
        ? zh.askAmount(ask.label)
        : ask.kind === 'date'
          ? zh.askDate(ask.label)
          : zh.askText(ask.label);
  return question(held, now, { text, options: [], field: key, free: ask.kind });
}

/** A name that matches several projects: each is an answer, and creating a new one where allowed. */
export function askWhichProject(e: ChoiceNeeded, headKey: string, held: Held, now: Date): Question {
  const options: PendingOption[] = e.projects.map((p) => ({
    label: `${p.id} ${p.name}（${p.stage}）`,
    words: [p.id, p.name],
    set: { [headKey]: p.id },
  }));
  if (e.allowNew) {
    options.push({
      label: zh.projectNewOption(e.ref),
      words: [],
      set: { [headKey]: e.ref, headQuoted: 'yes' },
    });
  }
  return question(held, now, { text: zh.projectMany(e.ref, e.projects.length), options });
}

/**
 * A new project whose name was read from speech and may be wrong: 1 creates it as read; a typed
 * name (an existing project's, or the right new one) replaces it.
 */
export function askNewProject(name: string, action: string, held: Held, now: Date): Question {
  return question(held, now, {
    text: zh.askNewProject(name, action),
    options: [
      {
        label: zh.askNewProjectYes(name),
        words: ['是', '是的', '对', '新建', '确认'],
        set: { name, headQuoted: 'yes' },
      },
      { label: zh.askCancelOption, words: ['不是', '不对'] },
    ],
    field: 'name',
    free: 'text',
  });
}

/** A write that contradicts the ledger: 1 writes it anyway, 2 drops it. */
export function askToConfirm(e: AskFirst, held: Held, now: Date): Question {
  return question(held, now, {
    text: e.question,
    options: [
      { label: zh.askConfirm, words: ['确认', '是', '对', '是的', '没错', '确定'], confirm: e.check },
      { label: zh.askCancelOption, words: ['不是', '不对', '不用', '否'] },
    ],
  });
}

/** Several ways to read the message (which report, or a guessed command word): each option is one. */
export function askAmong(text: string, options: PendingOption[], held: Held, now: Date): Question {
  return question(held, now, { text, options: [...options, { label: zh.askCancelOption, words: [] }] });
}

export type Answer =
  | { kind: 'cancel' }
  | { kind: 'option'; option: PendingOption }
  | { kind: 'value'; value: string }
  | { kind: 'out-of-range'; count: number }
  | { kind: 'not-an-answer' };

const CANCEL = new Set(['取消', '算了', '不用了', '不要了', '作废', '不登了', '不记了', '放弃']);

/** 「1」「第1个」「选2」「三」: the number picked, if the answer is only that. */
function pickedNumber(s: string): number | null {
  const m = /^(?:第|选|选第)?([0-9]{1,2}|[一二两三四五六七八九])(?:个|项|条|号)?$/.exec(s);
  if (!m) return null;
  const v = m[1] as string;
  return parseNumber(v);
}

/** The answer without what people put around it: 「是正式合同的。」 → 正式合同. */
function bareAnswer(text: string): string {
  return text
    .trim()
    .replace(/[,，。\s]*(?:谢谢|谢谢啦|辛苦了|辛苦|麻烦了|好的)[。.!！~～]*$/u, '')
    .replace(/[。.!！~～…]+$/u, '')
    .replace(/^(?:是|就是|选|应该是|嗯|对，?)/u, '')
    .replace(/(?:的|吧|啊|呀|哈)+$/u, '')
    .trim();
}

/** Reads a reply to a waiting question; `looksLikeCommand` keeps a new command from being taken as a typed value. */
export function readAnswer(pending: Pending, text: string, looksLikeCommand: boolean): Answer {
  const said = bareAnswer(text);
  if (CANCEL.has(said) || CANCEL.has(text.trim())) return { kind: 'cancel' };
  const n = pickedNumber(said);
  if (n !== null && pending.options.length) {
    const option = pending.options[n - 1];
    return option ? { kind: 'option', option } : { kind: 'out-of-range', count: pending.options.length };
  }
  const named = pending.options.filter(
    (o) => o.label === said || o.words.includes(said) || (said.length >= 2 && o.label.startsWith(said)),
  );
  if (named.length === 1) return { kind: 'option', option: named[0] as PendingOption };
  // 「轮毂」, 「门窗那个」: a part of one option's name picks it
  const part = said.replace(/(?:那个|这个|那一个|的那个)$/u, '');
  const within = [...part].length >= 2 ? pending.options.filter((o) => o.label.includes(part)) : [];
  if (within.length === 1 && named.length === 0)
    return { kind: 'option', option: within[0] as PendingOption };
  if (pending.free && !looksLikeCommand && said) return { kind: 'value', value: said };
  if (n !== null && !looksLikeCommand) return { kind: 'out-of-range', count: pending.options.length };
  return { kind: 'not-an-answer' };
}

/** A cancel option (no command, arguments, check or message of its own) means 「取消」. */
export function isCancelOption(option: PendingOption): boolean {
  return !option.command && !option.set && !option.confirm && !option.text;
}
