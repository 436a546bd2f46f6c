import { INDICATORS, type Indicator, type Scope } from '../../storage/schema.ts';
import type { Line, Reply } from '../core/reply.ts';
import { INDICATOR_INFO } from '../domain/indicator-catalogue.ts';
import { formatWan } from '../domain/money.ts';
import { zh } from '../text/zh.ts';
import { formatChineseDate } from '../time/clock.ts';
import { colourFor, colourLabel } from './colours.ts';
import { formatPercent } from './format.ts';
import { type IndicatorValues, indicatorsFor } from './indicators.ts';
import { yearOf, yearToDate } from './period.ts';
import type { RaceView } from './race-context.ts';
import { targetsOf } from './targets.ts';
import { elapsedFraction } from './time-progress.ts';

const SHOWN: readonly Indicator[] = INDICATORS;

export function indicatorActual(values: IndicatorValues, indicator: Indicator): number | null {
  if (indicator === 'startRate') return values.startRate.rate;
  return values[indicator as Exclude<Indicator, 'startRate'>];
}

export function formatActual(indicator: Indicator, value: number | null): string {
  if (value === null) return '—';
  const kind = INDICATOR_INFO[indicator].kind;
  if (kind === 'amount') return formatWan(value);
  if (kind === 'rate') return formatPercent(value);
  return String(value);
}

/**
 * One scope's year-to-date indicators against every target tier it has: completion of the annual
 * target, and r against 序时进度 with its colour.
 */
export function scopeProgress(view: RaceView, scope: Scope, title: string, extra: Line[] = []): Reply {
  const asOf = view.today;
  const year = yearOf(asOf);
  const values = indicatorsFor(view.store, scope, yearToDate(asOf), view.settings);
  const targets = targetsOf(view.store, scope, year);
  const elapsed = elapsedFraction(asOf, view.settings.progressMode);
  const rows = SHOWN.map((indicator) => {
    const actual = indicatorActual(values, indicator);
    const tiers = targets.get(indicator) ?? [];
    const against = tiers.map((t) => {
      const value = formatActual(indicator, t.value);
      if (actual === null || t.value <= 0) return zh.tierNoValue(t.tier, value);
      if (indicator === 'startRate') return zh.tierRateReached(t.tier, value, actual >= t.value);
      const r = actual / (t.value * elapsed);
      return zh.tierAgainst(
        t.tier,
        value,
        formatPercent(actual / t.value),
        formatPercent(r),
        colourLabel(colourFor(r, view.settings)),
      );
    });
    return [
      INDICATOR_INFO[indicator].label,
      formatActual(indicator, actual),
      against.join('；') || zh.noTarget,
    ];
  });
  const sr = values.startRate;
  const lines: Line[] = [
    zh.progressAsOf(year, formatChineseDate(asOf), formatPercent(elapsed)),
    ...extra,
    zh.progressStartRate(sr.fromYear, sr.signed, sr.started, sr.terminated, sr.excludesTerminated),
    zh.progressStock(
      values.signedNotStarted,
      formatPercent(values.conversion.rate),
      values.conversion.signed,
      values.conversion.left,
    ),
  ];
  return { tone: 'info', title, lines, table: { headers: [...zh.progressHeaders], rows } };
}
