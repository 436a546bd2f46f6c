import type { Reply } from '../core/reply.ts';
import { formatQuantity } from '../domain/indicator-catalogue.ts';
import { formatPercent } from '../race/format.ts';
import { type IndicatorValues, indicatorsFor } from '../race/indicators.ts';
import { type Period, yearOf } from '../race/period.ts';
import type { RaceView } from '../race/race-context.ts';
import { type SummaryHalf, summaryLines } from '../race/summary-view.ts';
import { targetsOf } from '../race/targets.ts';
import { zh } from '../text/zh.ts';
import type { DistrictLedger } from './district-ledger.ts';
import { sumIndicators } from './summed-indicators.ts';

const WHOLE = { kind: 'district' } as const;

/** The figures the share table shows, each as the paragraph counts it. */
const SHARED = ['contractCount', 'contractAmount', 'startedCount', 'fundsInPlace'] as const;

function shareCell(indicator: (typeof SHARED)[number], part: number, total: number): string {
  const value = formatQuantity(indicator, part);
  return total > 0 ? zh.cityShare(value, formatPercent(part / total)) : value;
}

/**
 * The city's 上半年/下半年/全年总结: the district paragraph with the districts' figures summed (each
 * district's as its own 上半年总结 computes it, with the city's settings) against the city's own
 * targets, and a table of each district's part.
 */
export function citySummaryReply(
  districts: ReadonlyArray<DistrictLedger>,
  view: RaceView,
  period: Period,
  which: SummaryHalf,
): Reply {
  const title = zh.citySummaryTitle(period.label, period.from, period.to);
  if (districts.length === 0) return { tone: 'info', title, lines: [zh.noDistricts] };
  const parts = districts.map((d) => ({
    name: d.name,
    values: indicatorsFor(d.store, WHOLE, period, view.settings),
  }));
  const total: IndicatorValues = sumIndicators(
    parts.map((p) => p.values),
    period,
    view.settings,
  );
  const targets = targetsOf(view.store, WHOLE, yearOf(period.to));
  return {
    tone: 'info',
    title,
    lines: [...summaryLines(total, targets, which, 'city'), zh.cityShareNote],
    table: {
      headers: [...zh.cityShareHeaders],
      rows: [
        ...parts.map((p) => [p.name, ...SHARED.map((i) => shareCell(i, p.values[i], total[i]))]),
        [zh.cityShareTotal, ...SHARED.map((i) => formatQuantity(i, total[i]))],
      ],
    },
  };
}
