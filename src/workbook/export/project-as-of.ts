import type { Project } from '../../../storage/schema.ts';
import type { LocalDate } from '../../time/clock.ts';

/**
 * A project as the ledger stood at the end of `asOf`, from the dates it carries: what happened later
 * (a signing, a start, an instalment, a note) is left out, and the stage is the one it had then.
 * Null when the project had not yet come in. Corrections made later (修改) have no date and show as
 * they are now. For `asOf` today this is the project unchanged.
 */
export function projectAsOf(p: Readonly<Project>, asOf: LocalDate): Project | null {
  const history = p.stageHistory.filter((h) => h.date <= asOf);
  if (history.length === 0 && (p.stageHistory.length > 0 || p.createdAt.slice(0, 10) > asOf)) return null;
  if (history.length === p.stageHistory.length && latestDate(p) <= asOf) return p as Project;
  const dayEnd = (at: string) => at.slice(0, 10) <= asOf;
  return {
    ...(p as Project),
    stage: history.at(-1)?.stage ?? p.stage,
    stageHistory: history,
    negotiationSince: p.negotiationSince !== null && p.negotiationSince <= asOf ? p.negotiationSince : null,
    signing: p.signing && p.signing.date <= asOf ? p.signing : null,
    start: p.start && p.start.date <= asOf ? p.start : null,
    termination: p.termination && p.termination.date <= asOf ? p.termination : null,
    instalments: p.instalments.filter((i) => i.date <= asOf),
    notes: p.notes.filter((n) => n.date <= asOf),
    problems: p.problems
      .filter((q) => dayEnd(q.at))
      .map((q) => (q.solved && q.solved.date > asOf ? { ...q, solved: undefined } : q)),
  };
}

/** The latest date anything on the project happened. */
function latestDate(p: Readonly<Project>): LocalDate {
  let last = p.createdAt.slice(0, 10);
  const see = (d: LocalDate | null | undefined) => {
    if (d && d > last) last = d;
  };
  see(p.negotiationSince);
  see(p.signing?.date);
  see(p.start?.date);
  see(p.termination?.date);
  for (const i of p.instalments) see(i.date);
  for (const n of p.notes) see(n.date);
  for (const q of p.problems) {
    see(q.at.slice(0, 10));
    see(q.solved?.date);
  }
  return last;
}
