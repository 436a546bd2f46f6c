/**
 * Thrown by a command before a write that contradicts the ledger (a start before the signing, the
 * same amount twice within the hour): the bot asks, holds the message, and runs it again — with
 * this check confirmed — only when the same person answers 「1」.
 */
export class AskFirst extends Error {
  constructor(
    /** Which check: the answer confirms this one only, so a second contradiction is still asked. */
    readonly check: string,
    readonly question: string,
  ) {
    super(`confirm ${check}`);
  }
}
