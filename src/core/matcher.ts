import type { CommandSpec } from './command.ts';

export interface Match {
  spec: CommandSpec;
  /** The words after (or, for a suffix, before) the trigger. */
  args: string;
  /** Where `args` starts in the matched text. */
  argsAt: number;
  /** The named groups of a pattern trigger, used as the arguments instead of `args`. */
  groups?: Record<string, string>;
  trigger: string;
}

export class TriggerCollisionError extends Error {}

function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Picks the one command a message means: exact phrase first, then the longest trigger the message
 * starts with, then the longest suffix. Triggers are whole phrases in Maps, never substrings.
 */
export class Matcher {
  private readonly prefixes = new Map<string, CommandSpec>();
  private readonly suffixes = new Map<string, CommandSpec>();
  private readonly patterns: Array<[RegExp, CommandSpec]> = [];
  private readonly longest: number;

  constructor(specs: ReadonlyArray<CommandSpec>) {
    for (const spec of specs) {
      for (const t of spec.triggers) this.add(this.prefixes, foldAscii(t), spec);
      for (const t of spec.suffixes ?? []) this.add(this.suffixes, foldAscii(t), spec);
      for (const p of spec.patterns ?? []) this.patterns.push([p, spec]);
    }
    this.longest = Math.max(...[...this.prefixes.keys(), ...this.suffixes.keys()].map((k) => k.length));
  }

  private add(map: Map<string, CommandSpec>, trigger: string, spec: CommandSpec): void {
    const other = map.get(trigger);
    if (other)
      throw new TriggerCollisionError(`trigger "${trigger}" is claimed by ${other.id} and ${spec.id}`);
    map.set(trigger, spec);
  }

  match(text: string): Match | null {
    const folded = foldAscii(text);
    for (let n = Math.min(this.longest, folded.length); n > 0; n--) {
      const spec = this.prefixes.get(folded.slice(0, n));
      if (spec) {
        const args = text.slice(n).trim();
        return { spec, args, argsAt: text.length - args.length, trigger: text.slice(0, n) };
      }
    }
    for (const [pattern, spec] of this.patterns) {
      const m = pattern.exec(text);
      if (m) {
        const groups = Object.fromEntries(Object.entries(m.groups ?? {}).filter(([, v]) => v !== undefined));
        return { spec, args: '', argsAt: text.length, trigger: text, groups };
      }
    }
    for (let n = Math.min(this.longest, folded.length - 1); n > 0; n--) {
      const spec = this.suffixes.get(folded.slice(folded.length - n));
      if (spec) {
        const args = text.slice(0, text.length - n).trim();
        return { spec, args, argsAt: 0, trigger: text.slice(text.length - n) };
      }
    }
    return null;
  }

  /** Triggers that look like what was typed, for "did you mean". */
  suggest(text: string): string[] {
    const chars = new Set(text.slice(0, 6));
    return [...this.prefixes.keys()]
      .map((t) => ({ t, score: [...t].filter((c) => chars.has(c)).length / t.length }))
      .filter((x) => x.score >= 0.5)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map((x) => x.t);
  }
}
