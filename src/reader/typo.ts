import { pinyin } from 'pinyin-pro';

/** What a mistyped command word most likely meant, and the words after it. */
export interface Guess {
  /** The trigger phrase as declared. */
  trigger: string;
  /** What the person typed in its place, as it stands in the message. */
  typed: string;
  /** The message after `typed`, trimmed: the command's arguments. */
  rest: string;
}

/*
 * How far a typed character is from the one the trigger wants. Members type on phone pinyin
 * keyboards, so a wrong character is nearly always a wrong candidate for the right sound. A
 * character with no sound in common is not priced at all: 「本期有进展」 and 「签约已开工」 are one
 * character from 「本期无进展」 and 「签约未开工」 and mean the opposite.
 */
const SAME_SOUND = 0.25;
const CONFUSED_SOUND = 0.5;
/** A syllable one letter off (ji/ju): only long triggers have enough context to afford it. */
const NEAR_SOUND = 0.75;
const NEAR_SOUND_MIN_LENGTH = 5;
/** One missing, extra or swapped character. */
const STRUCTURAL = 1;
const STRUCTURAL_MIN_LENGTH = 4;

/**
 * Total cost a guess may reach, by trigger length. A two-character trigger takes only a homophone
 * of one of its characters (撤消, 近度): confused sounds would turn 上班 into 上榜 and 经度 into 进度.
 */
function budgetFor(length: number): number {
  if (length <= 2) return SAME_SOUND;
  if (length === 3) return CONFUSED_SOUND;
  if (length === 4) return 1;
  return 1.25;
}

/** Half the trigger must be typed exactly, so a run of homophones (灯机钱约) is not a command. */
function exactNeeded(length: number): number {
  return Math.ceil(length / 2);
}

const HAN = /\p{Script=Han}/u;
const BLANK = ' ';
const HEAD_LENGTH = 7; // the longest trigger (6) plus one extra character

/** The keyboard confusions people make: z/zh, c/ch, s/sh, n/l, an/ang, en/eng, in/ing. */
function confusable(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^l/, 'n')
    .replace(/([aei])ng$/, '$1n');
}

function oneLetterApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The sounds of one character, as ids: every reading when typed, the reading in context for a trigger. */
interface Sounds {
  syllables: readonly number[];
  confusables: readonly number[];
}

interface TriggerChar {
  char: string;
  syllable: number;
  confusable: number;
}

interface Entry {
  trigger: string;
  chars: readonly TriggerChar[];
}

interface HeadChar {
  char: string;
  /** Index in the text just past this character. */
  end: number;
  sounds: Sounds;
}

interface Candidate {
  entry: Entry;
  length: number;
  cost: number;
}

/**
 * Guesses which command a mistyped command word meant, judging by how it sounds. Built once per
 * trigger list; what it learns about characters' sounds it keeps, so a guess costs microseconds.
 */
export class CommandGuesser {
  private readonly entries: Entry[] = [];
  private readonly exact: string[];
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly sounds = new Map<string, Sounds>();
  private readonly near = new Map<number, boolean>();

  constructor(triggers: readonly string[]) {
    this.exact = triggers.map(foldAscii);
    for (const trigger of new Set(triggers)) {
      const chars = [...trigger];
      // Latin and symbol triggers (help, ?) are not typed through pinyin; there is no sound to judge.
      if (chars.length < 2 || !chars.every((c) => HAN.test(c))) continue;
      const readings = pinyin(trigger, { toneType: 'none', type: 'array', v: true });
      this.entries.push({
        trigger,
        chars: chars.map((char, i) => {
          const reading = readings[i] ?? char;
          return { char, syllable: this.id(reading), confusable: this.id(confusable(reading)) };
        }),
      });
    }
  }

  guess(text: string): Guess | null {
    const folded = foldAscii(text);
    if (this.exact.some((t) => folded.startsWith(t))) return null;
    const head = this.head(text);
    if (head.length < 2) return null;
    let best: Candidate | null = null;
    for (const entry of this.entries) {
      const found = this.match(entry, head, text);
      if (found && (best === null || better(found, best))) best = found;
    }
    if (!best) return null;
    const start = text.length - text.trimStart().length;
    const end = (head[best.length - 1] as HeadChar).end;
    return { trigger: best.entry.trigger, typed: text.slice(start, end), rest: text.slice(end).trim() };
  }

  /** The first Han characters of the message, blanks inside skipped (本月 晾晒), up to a symbol. */
  private head(text: string): HeadChar[] {
    const head: HeadChar[] = [];
    let i = 0;
    for (const char of text) {
      i += char.length;
      if (char === BLANK) continue;
      if (!HAN.test(char) || head.length === HEAD_LENGTH) break;
      head.push({ char, end: i, sounds: this.soundsOf(char) });
    }
    return head;
  }

  /** The cheapest way the head can be this trigger, or null when it is not close enough. */
  private match(entry: Entry, head: readonly HeadChar[], text: string): Candidate | null {
    const t = entry.chars;
    const n = t.length;
    const budget = budgetFor(n);
    let best: Candidate | null = null;
    const consider = (length: number, cost: number, exact: number): void => {
      if (cost > budget || exact < exactNeeded(n)) return;
      if (best === null || cost < best.cost) best = { entry, length, cost };
    };

    if (head.length >= n) {
      // Same length: every character the same or sounding alike.
      let cost = 0;
      let exact = 0;
      for (let i = 0; i < n && cost <= budget; i++) {
        const c = this.substitution(t[i] as TriggerChar, head[i] as HeadChar, n);
        cost += c;
        if (c === 0) exact++;
      }
      consider(n, cost, exact);
      if (n >= STRUCTURAL_MIN_LENGTH) this.swapped(t, head, consider);
    }
    if (n < STRUCTURAL_MIN_LENGTH) return best;
    // One missing character: the typed word is one shorter, and must stand alone.
    if (head.length >= n - 1 && endsWord(text, head[n - 2] as HeadChar)) {
      for (let skip = 0; skip < n; skip++) {
        const aligned = this.aligned(t, head, n - 1, (j) => (j < skip ? j : j + 1));
        if (aligned) consider(n - 1, STRUCTURAL + aligned.cost, aligned.exact);
      }
    }
    // One extra character: a doubled key (登记签签约) anywhere, anything else only in a word standing alone.
    if (head.length >= n + 1) {
      const atWordEnd = endsWord(text, head[n] as HeadChar);
      for (let extra = 0; extra <= n; extra++) {
        const char = (head[extra] as HeadChar).char;
        const doubled = char === head[extra - 1]?.char || char === head[extra + 1]?.char;
        if (!atWordEnd && !doubled) continue;
        const aligned = this.aligned(t, head, n + 1, (j) => (j === extra ? -1 : j < extra ? j : j - 1));
        if (aligned) consider(n + 1, STRUCTURAL + aligned.cost, aligned.exact);
      }
    }
    return best;
  }

  /** Two neighbouring characters typed the wrong way round, the rest exact. */
  private swapped(
    t: readonly TriggerChar[],
    head: readonly HeadChar[],
    consider: (length: number, cost: number, exact: number) => void,
  ): void {
    const n = t.length;
    for (let i = 0; i + 1 < n; i++) {
      const a = (t[i] as TriggerChar).char;
      const b = (t[i + 1] as TriggerChar).char;
      if (a === b || head[i]?.char !== b || head[i + 1]?.char !== a) continue;
      let same = true;
      for (let j = 0; j < n && same; j++) {
        if (j !== i && j !== i + 1) same = head[j]?.char === t[j]?.char;
      }
      if (same) consider(n, STRUCTURAL, n);
    }
  }

  /**
   * Prices head[0..length) against the trigger, where `source(j)` names the trigger character head
   * position j stands for (-1 for an extra character).
   */
  private aligned(
    t: readonly TriggerChar[],
    head: readonly HeadChar[],
    length: number,
    source: (j: number) => number,
  ): { cost: number; exact: number } | null {
    let cost = 0;
    let exact = 0;
    for (let j = 0; j < length; j++) {
      const k = source(j);
      if (k < 0) continue;
      const c = this.substitution(t[k] as TriggerChar, head[j] as HeadChar, t.length);
      if (!Number.isFinite(c)) return null;
      cost += c;
      if (c === 0) exact++;
    }
    return { cost, exact };
  }

  private substitution(want: TriggerChar, typed: HeadChar, triggerLength: number): number {
    if (typed.char === want.char) return 0;
    const { syllables, confusables } = typed.sounds;
    if (syllables.includes(want.syllable)) return SAME_SOUND;
    if (confusables.includes(want.confusable)) return CONFUSED_SOUND;
    if (triggerLength >= NEAR_SOUND_MIN_LENGTH && syllables.some((s) => this.isNear(s, want.syllable))) {
      return NEAR_SOUND;
    }
    return Number.POSITIVE_INFINITY;
  }

  private isNear(a: number, b: number): boolean {
    const key = a * 65536 + b;
    let near = this.near.get(key);
    if (near === undefined) {
      near = oneLetterApart(this.names[a] as string, this.names[b] as string);
      this.near.set(key, near);
    }
    return near;
  }

  private soundsOf(char: string): Sounds {
    let sounds = this.sounds.get(char);
    if (!sounds) {
      const readings = pinyin(char, { toneType: 'none', type: 'array', multiple: true, v: true });
      sounds = {
        syllables: readings.map((r) => this.id(r)),
        confusables: readings.map((r) => this.id(confusable(r))),
      };
      this.sounds.set(char, sounds);
    }
    return sounds;
  }

  private id(syllable: string): number {
    let id = this.ids.get(syllable);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(syllable);
      this.ids.set(syllable, id);
    }
    return id;
  }
}

/** More of the trigger matched wins (问提已解决 is 问题已解决, not 问题); then the cheaper. */
function better(a: Candidate, b: Candidate): boolean {
  const gain = a.entry.chars.length - a.cost - (b.entry.chars.length - b.cost);
  return gain !== 0 ? gain > 0 : a.cost < b.cost;
}

/**
 * Whether the typed word stands alone: the message ends, or a blank or colon sets the arguments off.
 * A comma does not count: 「我单位, 本月…」 is a sentence's subject, not 我们单位 short of a character.
 */
function endsWord(text: string, last: HeadChar): boolean {
  const next = text[last.end];
  return next === undefined || next === BLANK || next === ':';
}

function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

const guessers = new WeakMap<readonly string[], CommandGuesser>();

/**
 * The trigger a message's first words most likely meant, or null when it starts with a trigger as
 * written or nothing is close enough. Reuses one guesser per trigger list (by identity).
 */
export function guessCommand(text: string, triggers: readonly string[]): Guess | null {
  let guesser = guessers.get(triggers);
  if (!guesser) {
    guesser = new CommandGuesser(triggers);
    guessers.set(triggers, guesser);
  }
  return guesser.guess(text);
}
