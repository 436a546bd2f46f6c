import type { Project } from '../../storage/schema.ts';
import { zh } from '../text/zh.ts';
import { addMonths, daysBetween, type LocalDate } from '../time/clock.ts';
import { signedNotStartedBy } from './indicators.ts';
import type { RaceSettings } from './settings.ts';

export type Light = 'green' | 'yellow' | 'red';

/** Why a light is not green; `lightReason` says it in words. */
export type LightReason =
  | { kind: 'negotiationOverdue'; elapsed: number; months: number; overBy: number }
  | { kind: 'negotiationNear'; elapsed: number; months: number; deadline: LocalDate }
  | { kind: 'startOverdue'; overBy: number; deadline: LocalDate }
  | { kind: 'startNear'; left: number; deadline: LocalDate }
  | { kind: 'quiet'; days: number };

export interface ProjectLight {
  light: Light;
  reasons: LightReason[];
  /** The deadline the light is about (在谈 → 签约 limit, or the agreed start deadline). */
  deadline: LocalDate | null;
}

export const LIGHT_LABEL: Record<Light, string> = { green: '🟢绿灯', yellow: '🟡黄灯', red: '🔴红灯' };

export function lightReason(why: LightReason): string {
  switch (why.kind) {
    case 'negotiationOverdue':
      return zh.negotiationOverdue(why.elapsed, why.months, why.overBy);
    case 'negotiationNear':
      return zh.negotiationNear(why.elapsed, why.months, why.deadline);
    case 'startOverdue':
      return zh.startOverdue(why.overBy, why.deadline);
    case 'startNear':
      return zh.startNear(why.left, why.deadline);
    case 'quiet':
      return zh.quietFor(why.days);
  }
}

const RANK: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

export function isMajor(p: Readonly<Project>, settings: Pick<RaceSettings, 'majorThresholdWan'>): boolean {
  return p.major || (p.investmentWan ?? 0) >= settings.majorThresholdWan;
}

function lastActivity(p: Readonly<Project>): LocalDate {
  let last = p.createdAt.slice(0, 10);
  for (const h of p.stageHistory) if (h.date > last) last = h.date;
  for (const n of p.notes) if (n.date > last) last = n.date;
  return last;
}

/**
 * A project's light on `today`: 在谈 against its 3/6-month limit (yellow from two thirds of it),
 * 签约 against its agreed start deadline (yellow within the warning days), and a reminder when an
 * active project has had no news for the set number of days.
 */
export function projectLight(p: Readonly<Project>, today: LocalDate, settings: RaceSettings): ProjectLight {
  let light: Light = 'green';
  const reasons: LightReason[] = [];
  let deadline: LocalDate | null = null;
  const raise = (to: Light, why: LightReason) => {
    if (RANK[to] > RANK[light]) light = to;
    reasons.push(why);
  };
  if (p.stage === '在谈' && p.negotiationSince) {
    const months = isMajor(p, settings) ? settings.majorNegotiationMonths : settings.negotiationMonths;
    deadline = addMonths(p.negotiationSince, months);
    const total = daysBetween(p.negotiationSince, deadline);
    const elapsed = daysBetween(p.negotiationSince, today);
    if (today > deadline)
      raise('red', { kind: 'negotiationOverdue', elapsed, months, overBy: daysBetween(deadline, today) });
    else if (elapsed * 3 >= total * 2)
      raise('yellow', { kind: 'negotiationNear', elapsed, months, deadline });
  }
  // the same rule as the 调度清单: only a 正式合同 not yet started is held to its start deadline
  if (signedNotStartedBy(p, today) && p.signing) {
    deadline = p.signing.startDeadline;
    const left = daysBetween(today, deadline);
    if (left < 0) raise('red', { kind: 'startOverdue', overBy: -left, deadline });
    else if (left <= settings.startWarningDays) raise('yellow', { kind: 'startNear', left, deadline });
  }
  if (p.stage === '在谈' || p.stage === '签约' || p.stage === '开工' || p.stage === '线索') {
    const quiet = daysBetween(lastActivity(p), today);
    if (quiet >= settings.staleNoteDays) raise('yellow', { kind: 'quiet', days: quiet });
  }
  return { light, reasons, deadline };
}
