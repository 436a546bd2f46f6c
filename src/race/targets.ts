import type { Indicator, Scope, Target } from '../../storage/schema.ts';
import { scopeKey } from '../../storage/scope.ts';
import type { Store } from '../../storage/store.ts';
import type { RaceSettings } from './settings.ts';

export interface TierTarget {
  tier: string;
  value: number;
}

/** Every tier's target per indicator for one scope and year, tiers in the order they were named. */
export function targetsOf(store: Store, scope: Scope, year: number): Map<Indicator, TierTarget[]> {
  const key = scopeKey(scope);
  return groupTargets(store.targets((t) => t.year === year && scopeKey(t.scope) === key));
}

export function groupTargets(targets: Target[]): Map<Indicator, TierTarget[]> {
  const out = new Map<Indicator, TierTarget[]>();
  for (const t of [...targets].sort((a, b) => a.at.localeCompare(b.at))) {
    const list = out.get(t.indicator) ?? [];
    list.push({ tier: t.tier, value: t.value });
    out.set(t.indicator, list);
  }
  return out;
}

/** The tier rankings use: the configured one when set, else the first one named for this indicator. */
export function rankingTarget(
  tiers: TierTarget[] | undefined,
  settings: Pick<RaceSettings, 'rankingTier'>,
): TierTarget | null {
  if (!tiers?.length) return null;
  return tiers.find((t) => t.tier === settings.rankingTier) ?? tiers[0] ?? null;
}
