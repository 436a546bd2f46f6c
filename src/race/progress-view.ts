import { INDICATORS, type Indicator, type Scope } from '../../storage/schema.ts';
import type { Line, Reply } from '../core/reply.ts';
import { INDICATOR_INFO } from '../domain/indicator-catalogue.ts';
import { formatWan } from '../domain/money.ts';
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
      if (actual === null || t.value <= 0) return `${t.tier} ${value}`;
      if (indicator === 'startRate')
        return `${t.tier} ${value}（${actual >= t.value ? '已达到' : '未达到'}）`;
      const r = actual / (t.value * elapsed);
      return `${t.tier} ${value}（完成 ${formatPercent(actual / t.value)}，序时 ${formatPercent(r)} ${colourLabel(colourFor(r, view.settings))}）`;
    });
    return [
      INDICATOR_INFO[indicator].label,
      formatActual(indicator, actual),
      against.join('；') || '未设目标',
    ];
  });
  const sr = values.startRate;
  const lines: Line[] = [
    `${year}年截至 ${formatChineseDate(asOf)}，序时进度 ${formatPercent(elapsed)}。`,
    ...extra,
    `近三年（${sr.fromYear}年以来）正式合同签约 ${sr.signed} 个，已开工 ${sr.started} 个；终止 ${sr.terminated} 个${sr.excludesTerminated ? '（已从开工率中剔除）' : '（留在分母中）'}。`,
    `签约未开工 ${values.signedNotStarted} 个；在谈转化率 ${formatPercent(values.conversion.rate)}（${values.conversion.signed}/${values.conversion.left}）。`,
  ];
  return { tone: 'info', title, lines, table: { headers: ['指标', '完成', '目标'], rows } };
}
