import type { Project } from '../../storage/schema.ts';

/** Thrown when a name matches several projects: the person picks one by replying its number. */
export class ChoiceNeeded extends Error {
  constructor(
    readonly ref: string,
    readonly projects: Project[],
    /** Offer "create a new project with this name" as the last option. */
    readonly allowNew: boolean,
  ) {
    super(`several projects match ${ref}`);
  }
}

export interface PendingChoice {
  text: string;
  ref: string;
  replacements: string[];
  expiresAt: number;
}

/** How long a numbered list stays answerable. */
export const CHOICE_TTL_MS = 10 * 60_000;

/** Remembers the last numbered list per sender and chat, in memory: a restart simply forgets it. */
export class PendingChoices {
  private readonly pending = new Map<string, PendingChoice>();

  set(key: string, choice: PendingChoice): void {
    this.pending.set(key, choice);
    if (this.pending.size > 1000) this.pending.delete(this.pending.keys().next().value as string);
  }

  /** The message to run instead of a bare number, or null when the number is not an answer. */
  take(key: string, text: string, now: number): string | null | 'expired' {
    if (!/^\d{1,2}$/.test(text)) return null;
    const choice = this.pending.get(key);
    if (!choice) return null;
    this.pending.delete(key);
    if (now > choice.expiresAt) return 'expired';
    const replacement = choice.replacements[Number(text) - 1];
    if (!replacement) return null;
    const at = choice.text.indexOf(choice.ref);
    return `${choice.text.slice(0, at)}${replacement}${choice.text.slice(at + choice.ref.length)}`;
  }
}
