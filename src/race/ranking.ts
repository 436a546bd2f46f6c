import type { Indicator, Project, Trip, Unit } from '../../storage/schema.ts';
import { scopeKey } from '../../storage/scope.ts';
import type { Store } from '../../storage/store.ts';
import type { Colour } from '../core/reply.ts';
import type { LocalDate } from '../time/clock.ts';
import { colourFor } from './colours.ts';
import { add, compare, over, type Ratio, ratioOf, times, toNumber, ZERO } from './exact-ratio.ts';
import { computeIndicators, type IndicatorValues } from './indicators.ts';
import { yearOf, yearToDate } from './period.ts';
import type { RaceSettings } from './settings.ts';
import { groupTargets, rankingTarget, type TierTarget } from './targets.ts';
import { elapsedFraction } from './time-progress.ts';

/** The indicators a unit is ranked on (the weights' keys). */
export const RANKED: Array<keyof RaceSettings['weights'] & Indicator> = [
  'contractAmount',
  'contractCount',
  'startedCount',
  'fundsInPlace',
];

export interface Cell {
  indicator: Indicator;
  actual: number;
  tier: string;
  annualTarget: number;
  /** The target × 序时进度: what should be done by now. */
  expected: number;
  r: number;
}

/** An entrant's place in a race: its values, each ranked indicator against 序时进度, score, colour and rank. */
export interface Scores {
  values: IndicatorValues;
  cells: Cell[];
  /** Weighted r over the indicators that have targets; null when the entrant has none. */
  score: number | null;
  colour: Colour | null;
  rank: number | null;
}

/** A unit's place in its district's race. */
export interface Standing extends Scores {
  unit: Unit;
}

export interface Ranking<S extends Scores = Standing> {
  asOf: LocalDate;
  elapsed: number;
  standings: S[];
  /** On or ahead of 序时进度, best first (红榜). */
  honour: S[];
  /** Behind 序时进度, worst first (黑榜). */
  shame: S[];
}

/** What the race needs of an entrant: its name (it orders equal scores), its values and its targets. */
export interface Entry {
  name: string;
  values: IndicatorValues;
  targets: ReadonlyMap<Indicator, TierTarget[]> | undefined;
}

function indicatorValue(values: IndicatorValues, indicator: Indicator): number {
  const v = values[indicator as keyof IndicatorValues];
  return typeof v === 'number' ? v : 0;
}

/** Ranks every unit on its year-to-date indicators against 序时进度 of its ranking-tier targets. */
export function rankUnits(store: Store, asOf: LocalDate, settings: RaceSettings): Ranking {
  const year = yearOf(asOf);
  const period = yearToDate(asOf);
  const units = store.units();
  const byUnit = new Map<string, Project[]>();
  store.scanProjects((projects) => {
    for (const p of projects) {
      const list = byUnit.get(p.unitId) ?? [];
      list.push(p as Project);
      byUnit.set(p.unitId, list);
    }
  });
  const tripsByUnit = new Map<string, Trip[]>();
  for (const t of store.trips((t) => t.date >= period.from && t.date <= period.to)) {
    if (!t.unitId) continue;
    tripsByUnit.set(t.unitId, [...(tripsByUnit.get(t.unitId) ?? []), t]);
  }
  const targetsByScope = new Map<string, ReturnType<typeof groupTargets>>();
  const all = store.targets((t) => t.year === year && t.scope.kind === 'unit');
  for (const u of units) {
    const key = scopeKey({ kind: 'unit', unitId: u.id });
    targetsByScope.set(key, groupTargets(all.filter((t) => scopeKey(t.scope) === key)));
  }
  const entries = units.map((unit) => {
    const scope = { kind: 'unit' as const, unitId: unit.id };
    const values = computeIndicators(
      byUnit.get(unit.id) ?? [],
      tripsByUnit.get(unit.id) ?? [],
      scope,
      period,
      settings,
    );
    return { unit, name: unit.name, values, targets: targetsByScope.get(scopeKey(scope)) };
  });
  return rankEntries(entries, asOf, settings, (entry, scores) => ({ unit: entry.unit, ...scores }));
}

/**
 * Scores and ranks any entrants (a district's units, the city's districts) on their values against
 * 序时进度 of their ranking-tier targets; `standing` makes each entrant's standing from its scores.
 */
export function rankEntries<E extends Entry, S extends Scores>(
  entries: ReadonlyArray<E>,
  asOf: LocalDate,
  settings: RaceSettings,
  standing: (entry: E, scores: Scores) => S,
): Ranking<S> {
  const elapsed = elapsedFraction(asOf, settings.progressMode);
  const exactScores = new Map<S, Ratio>();
  const names = new Map<S, string>();
  const standings: S[] = entries.map((entry) => {
    const { values, targets } = entry;
    const cells: Cell[] = [];
    // Σ w·actual/target ÷ Σ w, exactly; 序时进度 is the same for every entrant, so it divides in afterwards
    let weighted = ZERO;
    let weights = ZERO;
    for (const indicator of RANKED) {
      const target = rankingTarget(targets?.get(indicator), settings);
      if (!target || target.value <= 0) continue;
      const expected = target.value * elapsed;
      const actual = indicatorValue(values, indicator);
      const r = actual / expected;
      cells.push({ indicator, actual, tier: target.tier, annualTarget: target.value, expected, r });
      const w = ratioOf(settings.weights[indicator]);
      weighted = add(weighted, times(w, over(ratioOf(actual), ratioOf(target.value))));
      weights = add(weights, w);
    }
    const exact = weights.n > 0n ? over(weighted, weights) : null;
    const score = exact ? toNumber(exact) / elapsed : null;
    const s = standing(entry, {
      values,
      cells,
      score,
      colour: score === null ? null : colourFor(score, settings),
      rank: null,
    });
    if (exact) exactScores.set(s, exact);
    names.set(s, entry.name);
    return s;
  });

  const exactOf = (s: S) => exactScores.get(s) as Ratio;
  const nameOf = (s: S) => names.get(s) as string;
  const ranked = standings
    .filter((s) => s.score !== null)
    .sort((a, b) => compare(exactOf(b), exactOf(a)) || nameOf(a).localeCompare(nameOf(b), 'zh'));
  // equal scores share a rank and the next one skips: 1, 1, 3
  ranked.forEach((s, i) => {
    const prev = ranked[i - 1];
    s.rank = prev && compare(exactOf(prev), exactOf(s)) === 0 ? (prev.rank as number) : i + 1;
  });
  const unranked = standings.filter((s) => s.score === null);
  const onTrack = (s: S) => Math.round((s.score as number) * 1e6) >= 1e6;
  return {
    asOf,
    elapsed,
    standings: [...ranked, ...unranked],
    honour: ranked.filter(onTrack).slice(0, settings.boardSize),
    shame: ranked
      .filter((s) => !onTrack(s))
      .reverse()
      .slice(0, settings.boardSize),
  };
}
