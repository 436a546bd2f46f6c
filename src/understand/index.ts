import type { RawArgs } from '../reader/fields.ts';
import type { Lookup } from './mentions.ts';
import { asksInProse, routeQuestion } from './questions.ts';
import { type Reading, readReport } from './reports.ts';

export type { Lookup } from './mentions.ts';
export { asks, asksInProse } from './questions.ts';
export type { Reading } from './reports.ts';
export { fieldsIn, UNSURE_NAME } from './reports.ts';

/** What a message without a command word says, as the pipeline can run it. */
export type Understanding =
  /** A question: the command text that answers it. */
  | { kind: 'query'; text: string }
  /** A report: the command and its arguments, as the command form would give them. */
  | { kind: 'report'; command: string; raw: RawArgs }
  /** Several reports could be meant: the person picks one. */
  | { kind: 'several'; readings: Reading[] };

/**
 * Reads a message that starts with no command word: a question goes to the command that answers
 * it; a sentence with an event word is a report. Questions are never reports.
 */
export function understand(
  text: string,
  now: Date,
  lookup: Lookup,
  // the pipeline says so when normalize took the closing `？` off the text
  question = asksInProse(text),
): Understanding | null {
  if (question) {
    const query = routeQuestion(text, lookup);
    return query ? { kind: 'query', text: query } : null;
  }
  const report = readReport(text, now, lookup);
  if (report?.kind === 'one') return { kind: 'report', ...report.reading };
  if (report?.kind === 'several') return { kind: 'several', readings: report.readings };
  // a request without a question mark (「再生铝项目最新情况」, 「上个月各单位排名发一下」)
  if (!/情况|进展|近况|动态|详情|排名|晾晒|发一下|发下|清单|名单|进度/u.test(text)) return null;
  const query = routeQuestion(text, lookup);
  return query ? { kind: 'query', text: query } : null;
}
