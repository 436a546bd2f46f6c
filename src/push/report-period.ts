import type { Member, Project, Trip } from '../../storage/schema.ts';
import { isActiveMember, type Store } from '../../storage/store.ts';
import type { Person } from '../delivery/push-channel.ts';
import { addDays, type LocalDate } from '../time/clock.ts';

/** Someone a push names, and the account the platform @-mentions. */
export type { Person } from '../delivery/push-channel.ts';

/** The 半月调度 period a day falls in: it starts on the 1st or the 16th. */
export function periodStart(day: LocalDate): LocalDate {
  return `${day.slice(0, 8)}${Number(day.slice(8, 10)) >= 16 ? '16' : '01'}`;
}

/** The cut-off that ends the period starting on `start` (a 1st or a 16th): the next 16th or 1st. */
export function cutOffAfter(start: LocalDate): LocalDate {
  return start.endsWith('-01')
    ? `${start.slice(0, 8)}16`
    : addDays(`${start.slice(0, 8)}28`, 4).replace(/\d{2}$/, '01');
}

/**
 * The first day a push looks back to: the reminder before a cut-off asks about the period it falls
 * in; the 半月调度 cut-off (on the 1st or 16th, or a later working day) about the period just ended.
 */
export function reportWindowStart(kind: 'reminder' | 'cutOff', today: LocalDate): LocalDate {
  const current = periodStart(today);
  return kind === 'reminder' ? current : periodStart(addDays(current, -1));
}

const onOrAfter = (at: string, from: LocalDate) => at.slice(0, 10) >= from;

/**
 * Whether a member reported since `from`: anything they wrote that carries their name and a date —
 * a progress note, a problem or its solution, an instalment, a new project, a trip — or their
 * 「本期无进展」. Signings and starts record no author, so they count through the note or project.
 */
export function reportedSince(
  member: Readonly<Member>,
  from: LocalDate,
  projects: ReadonlyArray<Project>,
  trips: ReadonlyArray<Trip>,
): boolean {
  const me = member.account;
  if (member.noProgressOn && member.noProgressOn >= from) return true;
  if (trips.some((t) => t.by === me && onOrAfter(t.at, from))) return true;
  return projects.some(
    (p) =>
      (p.createdBy === me && onOrAfter(p.createdAt, from)) ||
      p.notes.some((n) => n.by === me && n.date >= from) ||
      p.instalments.some((f) => f.by === me && onOrAfter(f.at, from)) ||
      p.problems.some(
        (x) => (x.by === me && onOrAfter(x.at, from)) || (x.solved?.by === me && x.solved.date >= from),
      ),
  );
}

/** The unit's active members (role 成员) who have reported nothing since `from`, in roster order. */
export function silentMembers(store: Store, unitId: string, from: LocalDate): Person[] {
  const projects = store.projects();
  const trips = store.trips();
  return store
    .members()
    .filter((m) => m.unitId === unitId && m.role === 'member' && isActiveMember(m))
    .filter((m) => !reportedSince(m, from, projects, trips))
    .map((m) => ({ account: m.account, name: m.name }));
}

/** Who answers for a unit's reporting: its active members with the 领导 role. */
export function unitLeaders(store: Store, unitId: string): Person[] {
  return store
    .members()
    .filter((m) => m.unitId === unitId && m.role === 'leader' && isActiveMember(m))
    .map((m) => ({ account: m.account, name: m.name }));
}
