import type { Store } from '../../../storage/store.ts';
import { monthOf, yearOf } from '../../race/period.ts';
import {
  RANKING_PERIODS,
  type RankingPeriodChoice,
  type RankingPeriodKind,
} from '../../race/ranking-periods.ts';
import type { RaceSettings } from '../../race/settings.ts';
import type { LocalDate } from '../../time/clock.ts';

/** What the 赛马 page's selectors chose, read from its query string; anything unknown falls back to 本月 and the setting's tier. */
export interface RaceChoice {
  period: RankingPeriodChoice;
  tier: string;
}

function intIn(value: string | undefined, min: number, max: number): number | null {
  if (value === undefined || !/^\d{1,4}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

export function raceChoice(
  query: Readonly<Record<string, string>>,
  today: LocalDate,
  tiers: readonly string[],
  settings: RaceSettings,
): RaceChoice {
  const kind = (RANKING_PERIODS as readonly string[]).includes(query.period ?? '')
    ? (query.period as RankingPeriodKind)
    : 'this-month';
  const year = intIn(query.year, 2000, yearOf(today));
  const month = intIn(query.month, 1, 12) ?? monthOf(today);
  const period: RankingPeriodChoice =
    kind === 'month' ? { kind, month, year } : kind === 'year' ? { kind, year } : { kind };
  const tier = query.tier && tiers.includes(query.tier) ? query.tier : settings.rankingTier;
  return { period, tier };
}

/** The target tiers set for units in a year, in the order they were first set; the ranking tier first. */
export function tiersOf(store: Store, year: number, rankingTier: string): string[] {
  const set = store
    .targets((t) => t.year === year && t.scope.kind === 'unit')
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((t) => t.tier);
  return [...new Set([rankingTier, ...set])];
}

/** Years that have unit targets, newest first, always including this one. */
export function targetYears(store: Store, today: LocalDate): number[] {
  const years = new Set([yearOf(today), ...store.targets((t) => t.scope.kind === 'unit').map((t) => t.year)]);
  return [...years].filter((y) => y <= yearOf(today)).sort((a, b) => b - a);
}

/** The query string that brings the page (or its picture) back to this choice. */
export function choiceQuery(choice: RaceChoice): string {
  const q = new URLSearchParams({ period: choice.period.kind });
  if (choice.period.kind === 'month' && choice.period.month) q.set('month', String(choice.period.month));
  if (choice.period.year) q.set('year', String(choice.period.year));
  q.set('tier', choice.tier);
  return q.toString();
}
