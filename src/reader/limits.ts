/**
 * How long what people type may be. Longer input is refused with a clear answer and nothing is
 * written: a 100,001-character name once went back out as 8 messages in every list that named it.
 */

/** A name or one field: a project, unit, person, enterprise, place, tier, amount, date. */
export const MAX_NAME_CHARS = 60;
/** A free text: a progress note, a problem, a reason, a challenge. */
export const MAX_TEXT_CHARS = 2_000;
/** A whole message: a full-length text with its command, project name and fields. */
export const MAX_MESSAGE_CHARS = MAX_TEXT_CHARS + 500;

/** Length as a person counts it: characters, not UTF-16 units. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
