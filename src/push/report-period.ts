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
 * Everyone who reported since `from`, by account: anything they wrote that carries their name and a
 * date — a progress note, a problem or its solution, an instalment, a new project, a trip. Signings
 * and starts record no author, so they count through the note or project. One pass for the whole
 * district, so asking about every unit costs no more than asking about one.
 */
export function reportersSince(
  from: LocalDate,
  projects: ReadonlyArray<Readonly<Project>>,
  trips: ReadonlyArray<Readonly<Trip>>,
): Set<string> {
  const out = new Set<string>();
  for (const t of trips) if (onOrAfter(t.at, from)) out.add(t.by);
  for (const p of projects) {
    if (onOrAfter(p.createdAt, from)) out.add(p.createdBy);
    for (const n of p.notes) if (n.date >= from) out.add(n.by);
    for (const f of p.instalments) if (onOrAfter(f.at, from)) out.add(f.by);
    for (const x of p.problems) {
      if (onOrAfter(x.at, from)) out.add(x.by);
      if (x.solved && x.solved.date >= from) out.add(x.solved.by);
    }
  }
  return out;
}

/** Every account that reported since `from`, from the store as it is now. */
export function storeReporters(store: Store, from: LocalDate): Set<string> {
  const trips = store.trips((t) => onOrAfter(t.at, from));
  return store.scanProjects((projects) => reportersSince(from, projects, trips));
}

/**
 * The unit's active members (role 成员) who have reported nothing since `from` — neither anything
 * in `reporters` nor their 「本期无进展」 — in roster order.
 */
export function silentMembers(
  members: ReadonlyArray<Readonly<Member>>,
  unitId: string,
  from: LocalDate,
  reporters: ReadonlySet<string>,
): Person[] {
  return members
    .filter((m) => m.unitId === unitId && m.role === 'member' && isActiveMember(m))
    .filter((m) => !(m.noProgressOn && m.noProgressOn >= from) && !reporters.has(m.account))
    .map((m) => ({ account: m.account, name: m.name }));
}

/** Who answers for a unit's reporting: its active members with the 领导 role. */
export function unitLeaders(members: ReadonlyArray<Readonly<Member>>, unitId: string): Person[] {
  return members
    .filter((m) => m.unitId === unitId && m.role === 'leader' && isActiveMember(m))
    .map((m) => ({ account: m.account, name: m.name }));
}
