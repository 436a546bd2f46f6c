import type { Project, Scope, Trip } from '../../storage/schema.ts';
import { scopeContains } from '../../storage/scope.ts';
import type { Store } from '../../storage/store.ts';
import { fromYuan, toYuan, type Wan } from '../domain/money.ts';
import type { LocalDate } from '../time/clock.ts';
import { inPeriod, yearOf } from './period.ts';
import type { RaceSettings } from './settings.ts';

/** The seed's indicators for one scope over one period (stocks such as 签约未开工 are as of `to`). */
export interface IndicatorValues {
  contractCount: number;
  contractAmount: Wan;
  startedCount: number;
  fundsInPlace: Wan;
  leaderTrips: number;
  enterprisesMet: number;
  startRate: {
    rate: number | null;
    started: number;
    signed: number;
    /** Terminated signings of the window, shown apart. */
    terminated: number;
    excludesTerminated: boolean;
    fromYear: number;
  };
  signedNotStarted: number;
  conversion: { rate: number | null; signed: number; left: number };
}

export function isFormal(p: Readonly<Project>): boolean {
  return p.signing?.type === '正式合同';
}

export function startedBy(p: Readonly<Project>, d: LocalDate): boolean {
  return p.start !== null && p.start.date <= d;
}

export function terminatedBy(p: Readonly<Project>, d: LocalDate): boolean {
  return p.termination !== null && p.termination.date <= d;
}

/** Signed with a 正式合同 by `d`, not started and not terminated by then: the 调度清单. */
export function signedNotStartedBy(p: Readonly<Project>, d: LocalDate): boolean {
  return isFormal(p) && (p.signing?.date ?? '9999') <= d && !startedBy(p, d) && !terminatedBy(p, d);
}

/** The stage a project went to when it left 在谈, and when. */
function leftNegotiation(p: Readonly<Project>): { stage: string; date: LocalDate } | null {
  const i = p.stageHistory.findIndex((h) => h.stage === '在谈');
  if (i < 0) return null;
  return p.stageHistory[i + 1] ?? null;
}

export function computeIndicators(
  projects: ReadonlyArray<Readonly<Project>>,
  trips: ReadonlyArray<Readonly<Trip>>,
  scope: Scope,
  period: { from: LocalDate; to: LocalDate },
  settings: Pick<RaceSettings, 'startRateExcludesTerminated'>,
): IndicatorValues {
  const { to } = period;
  const fromYear = yearOf(to) - 2;
  const windowStart = `${fromYear}-01-01`;
  let contractCount = 0;
  let contractYuan = 0;
  let startedCount = 0;
  let fundsYuan = 0;
  let rateSigned = 0;
  let rateStarted = 0;
  let rateTerminated = 0;
  let signedNotStarted = 0;
  let convSigned = 0;
  let convLeft = 0;
  for (const p of projects) {
    if (!scopeContains(scope, p)) continue;
    const s = p.signing;
    if (s && s.type === '正式合同') {
      if (inPeriod(s.date, period)) {
        contractCount++;
        contractYuan += toYuan(s.amountWan);
      }
      if (s.date >= windowStart && s.date <= to) {
        const terminated = terminatedBy(p, to);
        if (terminated) rateTerminated++;
        if (!terminated || !settings.startRateExcludesTerminated) {
          rateSigned++;
          if (startedBy(p, to)) rateStarted++;
        }
      }
      if (signedNotStartedBy(p, to)) signedNotStarted++;
    }
    if (p.start && inPeriod(p.start.date, period)) startedCount++;
    for (const f of p.instalments) if (inPeriod(f.date, period)) fundsYuan += toYuan(f.amountWan);
    const left = leftNegotiation(p);
    if (left && inPeriod(left.date, period)) {
      convLeft++;
      if (left.stage === '签约' || left.stage === '开工') convSigned++;
    }
  }
  let leaderTrips = 0;
  const enterprises = new Set<string>();
  for (const t of trips) {
    if (!t.ledByDistrictLeader || !inPeriod(t.date, period) || !scopeContains(scope, { ...t, chain: null }))
      continue;
    leaderTrips++;
    for (const e of t.enterprises) enterprises.add(e);
  }
  return {
    contractCount,
    contractAmount: fromYuan(contractYuan),
    startedCount,
    fundsInPlace: fromYuan(fundsYuan),
    leaderTrips,
    enterprisesMet: enterprises.size,
    startRate: {
      rate: rateSigned ? rateStarted / rateSigned : null,
      started: rateStarted,
      signed: rateSigned,
      terminated: rateTerminated,
      excludesTerminated: settings.startRateExcludesTerminated,
      fromYear,
    },
    signedNotStarted,
    conversion: { rate: convLeft ? convSigned / convLeft : null, signed: convSigned, left: convLeft },
  };
}

/** Indicators straight from the store, without copying every project. */
export function indicatorsFor(
  store: Store,
  scope: Scope,
  period: { from: LocalDate; to: LocalDate },
  settings: Pick<RaceSettings, 'startRateExcludesTerminated'>,
): IndicatorValues {
  const trips = store.trips((t) => inPeriod(t.date, period));
  return store.scanProjects((projects) => computeIndicators(projects, trips, scope, period, settings));
}
