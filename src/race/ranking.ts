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
import { groupTargets, rankingTarget } from './targets.ts';
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

export interface Standing {
  unit: Unit;
  values: IndicatorValues;
  cells: Cell[];
  /** Weighted r over the indicators that have targets; null when the unit has none. */
  score: number | null;
  colour: Colour | null;
  rank: number | null;
}

export interface Ranking {
  asOf: LocalDate;
  elapsed: number;
  standings: Standing[];
  /** On or ahead of 序时进度, best first (红榜). */
  honour: Standing[];
  /** Behind 序时进度, worst first (黑榜). */
  shame: Standing[];
}

function indicatorValue(values: IndicatorValues, indicator: Indicator): number {
  const v = values[indicator as keyof IndicatorValues];
  return typeof v === 'number' ? v : 0;
}

/** Ranks every unit on its year-to-date indicators against 序时进度 of its ranking-tier targets. */
export function rankUnits(store: Store, asOf: LocalDate, settings: RaceSettings): Ranking {
  const year = yearOf(asOf);
  const period = yearToDate(asOf);
  const elapsed = elapsedFraction(asOf, settings.progressMode);
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

  const exactScores = new Map<string, Ratio>();
  const standings: Standing[] = units.map((unit) => {
    const scope = { kind: 'unit' as const, unitId: unit.id };
    const values = computeIndicators(
      byUnit.get(unit.id) ?? [],
      tripsByUnit.get(unit.id) ?? [],
      scope,
      period,
      settings,
    );
    const targets = targetsByScope.get(scopeKey(scope));
    const cells: Cell[] = [];
    // Σ w·actual/target ÷ Σ w, exactly; 序时进度 is the same for every unit, so it divides in afterwards
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
    if (exact) exactScores.set(unit.id, exact);
    const score = exact ? toNumber(exact) / elapsed : null;
    return {
      unit,
      values,
      cells,
      score,
      colour: score === null ? null : colourFor(score, settings),
      rank: null,
    };
  });

  const exactOf = (s: Standing) => exactScores.get(s.unit.id) as Ratio;
  const ranked = standings
    .filter((s) => s.score !== null)
    .sort((a, b) => compare(exactOf(b), exactOf(a)) || a.unit.name.localeCompare(b.unit.name, 'zh'));
  // equal scores share a rank and the next one skips: 1, 1, 3
  ranked.forEach((s, i) => {
    const prev = ranked[i - 1];
    s.rank = prev && compare(exactOf(prev), exactOf(s)) === 0 ? (prev.rank as number) : i + 1;
  });
  const unranked = standings.filter((s) => s.score === null);
  const onTrack = (s: Standing) => Math.round((s.score as number) * 1e6) >= 1e6;
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
