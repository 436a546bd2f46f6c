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
 * character from 「本期无进展」 and 「签约未开工」 and mean the opposite. Nor is a syllable one letter off:
 * 「上半年总计签约…」 is a report, not 上半年总结 with ji for jie.
 */
const SAME_SOUND = 0.25;
const CONFUSED_SOUND = 0.5;
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

/** The keyboard confusions people make: z/zh, c/ch, s/sh, n/l, an/ang, en/eng, in/ing. */
function confusable(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^l/, 'n')
    .replace(/([aei])ng$/, '$1n');
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
  /** Place in the trigger list: the earlier trigger wins a tie. */
  index: number;
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
  /** Which entries hold each character, once per place it stands, to skip triggers sharing too little. */
  private readonly byChar = new Map<string, number[]>();
  private readonly shared: Uint8Array;
  /** The longest trigger plus one extra character: how much of a message can be a command word. */
  private readonly headLength: number;
  private readonly exact: string[];
  private readonly ids = new Map<string, number>();
  private readonly sounds = new Map<string, Sounds>();

  constructor(triggers: readonly string[]) {
    this.exact = triggers.map(foldAscii);
    for (const trigger of new Set(triggers)) {
      const chars = [...trigger];
      // Latin and symbol triggers (help, ?) are not typed through pinyin; there is no sound to judge.
      if (chars.length < 2 || !chars.every((c) => HAN.test(c))) continue;
      const readings = pinyin(trigger, { toneType: 'none', type: 'array', v: true });
      for (const char of chars) {
        const holders = this.byChar.get(char) ?? [];
        holders.push(this.entries.length);
        this.byChar.set(char, holders);
      }
      this.entries.push({
        index: this.entries.length,
        trigger,
        chars: chars.map((char, i) => {
          const reading = readings[i] ?? char;
          return { char, syllable: this.id(reading), confusable: this.id(confusable(reading)) };
        }),
      });
    }
    this.shared = new Uint8Array(this.entries.length);
    this.headLength = Math.max(0, ...this.entries.map((e) => e.chars.length)) + 1;
  }

  guess(text: string): Guess | null {
    const folded = foldAscii(text);
    for (const exact of this.exact) if (folded.startsWith(exact)) return null;
    const head = this.head(text);
    if (head.length < 2) return null;
    // Half a trigger's characters must be typed exactly, so only triggers sharing that many are tried.
    const touched: number[] = [];
    for (let i = 0; i < head.length; i++) {
      const char = (head[i] as HeadChar).char;
      if (seenBefore(head, i)) continue;
      for (const e of this.byChar.get(char) ?? []) {
        if (this.shared[e] === 0) touched.push(e);
        this.shared[e] = (this.shared[e] as number) + 1;
      }
    }
    let best: Candidate | null = null;
    for (const e of touched) {
      const entry = this.entries[e] as Entry;
      const enough = (this.shared[e] as number) >= exactNeeded(entry.chars.length);
      this.shared[e] = 0;
      if (!enough) continue;
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
      if (!HAN.test(char) || head.length === this.headLength) break;
      head.push({ char, end: i, sounds: this.soundsOf(char) });
    }
    return head;
  }

  /*
   * The cheapest way the head can be this trigger, or null when it is not close enough. Written
   * without closures: tsx names every closure it creates, and that alone tripled the time of a guess.
   */
  private match(entry: Entry, head: readonly HeadChar[], text: string): Candidate | null {
    const t = entry.chars;
    const n = t.length;
    const budget = budgetFor(n);
    let cost = Number.POSITIVE_INFINITY;
    let length = 0;
    if (head.length >= n) {
      // Same length: every character the same or sounding alike, or two of them swapped.
      const same = this.alignedCost(t, head, n, -1, -1);
      if (same <= budget) {
        cost = same;
        length = n;
      }
      if (n >= STRUCTURAL_MIN_LENGTH && STRUCTURAL <= budget && STRUCTURAL < cost && swapped(t, head)) {
        cost = STRUCTURAL;
        length = n;
      }
    }
    if (n < STRUCTURAL_MIN_LENGTH) return length ? { entry, length, cost } : null;
    // One missing character: the typed word is one shorter, and must stand alone.
    if (head.length >= n - 1 && endsWord(text, head[n - 2] as HeadChar)) {
      for (let missing = 0; missing < n; missing++) {
        const c = STRUCTURAL + this.alignedCost(t, head, n - 1, missing, -1);
        if (c <= budget && improves(c, n - 1, cost, length)) {
          cost = c;
          length = n - 1;
        }
      }
    }
    // One extra character: a doubled key (登记签签约) anywhere, anything else only in a word standing alone.
    if (head.length >= n + 1) {
      const atWordEnd = endsWord(text, head[n] as HeadChar);
      for (let extra = 0; extra <= n; extra++) {
        const char = (head[extra] as HeadChar).char;
        const doubled = char === head[extra - 1]?.char || char === head[extra + 1]?.char;
        if (!atWordEnd && !doubled) continue;
        const c = STRUCTURAL + this.alignedCost(t, head, n + 1, -1, extra);
        if (c <= budget && improves(c, n + 1, cost, length)) {
          cost = c;
          length = n + 1;
        }
      }
    }
    return length ? { entry, length, cost } : null;
  }

  /**
   * Prices head[0..length) against the trigger with trigger character `missing` left out or head
   * character `extra` passed over (-1 for neither). Infinite when a character does not sound alike
   * or too few are exact.
   */
  private alignedCost(
    t: readonly TriggerChar[],
    head: readonly HeadChar[],
    length: number,
    missing: number,
    extra: number,
  ): number {
    let cost = 0;
    let exact = 0;
    for (let j = 0; j < length; j++) {
      if (j === extra) continue;
      let k = extra >= 0 && j > extra ? j - 1 : j;
      if (missing >= 0 && k >= missing) k++;
      const c = this.substitution(t[k] as TriggerChar, head[j] as HeadChar);
      if (c === Number.POSITIVE_INFINITY) return c;
      cost += c;
      if (c === 0) exact++;
    }
    return exact < exactNeeded(t.length) ? Number.POSITIVE_INFINITY : cost;
  }

  private substitution(want: TriggerChar, typed: HeadChar): number {
    if (typed.char === want.char) return 0;
    const { syllables, confusables } = typed.sounds;
    if (syllables.includes(want.syllable)) return SAME_SOUND;
    if (confusables.includes(want.confusable)) return CONFUSED_SOUND;
    return Number.POSITIVE_INFINITY;
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
      id = this.ids.size;
      this.ids.set(syllable, id);
    }
    return id;
  }
}

/** Two neighbouring characters typed the wrong way round, the rest exact. */
function swapped(t: readonly TriggerChar[], head: readonly HeadChar[]): boolean {
  const n = t.length;
  for (let i = 0; i + 1 < n; i++) {
    const a = (t[i] as TriggerChar).char;
    const b = (t[i + 1] as TriggerChar).char;
    if (a === b || head[i]?.char !== b || head[i + 1]?.char !== a) continue;
    let rest = true;
    for (let j = 0; j < n && rest; j++) if (j !== i && j !== i + 1) rest = head[j]?.char === t[j]?.char;
    if (rest) return true;
  }
  return false;
}

/** On equal cost the longer reading wins, so a doubled key (登记签签约) is typed, not left in the arguments. */
function improves(cost: number, length: number, bestCost: number, bestLength: number): boolean {
  return cost < bestCost || (cost === bestCost && length > bestLength);
}

/** More of the trigger matched wins (问提已解决 is 问题已解决, not 问题); then the cheaper; then the earlier. */
function better(a: Candidate, b: Candidate): boolean {
  const gain = a.entry.chars.length - a.cost - (b.entry.chars.length - b.cost);
  if (gain !== 0) return gain > 0;
  return a.cost !== b.cost ? a.cost < b.cost : a.entry.index < b.entry.index;
}

function seenBefore(head: readonly HeadChar[], i: number): boolean {
  const char = (head[i] as HeadChar).char;
  for (let j = 0; j < i; j++) if ((head[j] as HeadChar).char === char) return true;
  return false;
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
