import { sumWan } from '../domain/money.ts';
import { computeIndicators, type IndicatorValues } from '../race/indicators.ts';
import type { RaceSettings } from '../race/settings.ts';
import type { LocalDate } from '../time/clock.ts';

/**
 * The city's figures as the sum of its districts': counts added, 万元 added in whole 元, enterprises
 * met added as each district counts them, and the rates computed again from the summed counts
 * (an average of the districts' rates would weigh a small district like a large one).
 */
export function sumIndicators(
  parts: ReadonlyArray<IndicatorValues>,
  period: { from: LocalDate; to: LocalDate },
  settings: Pick<RaceSettings, 'startRateExcludesTerminated'>,
): IndicatorValues {
  // nothing registered anywhere: the window's first year and the terminated rule as a district has them
  const none = computeIndicators([], [], { kind: 'district' }, period, settings);
  const sum = (of: (v: IndicatorValues) => number) => parts.reduce((n, v) => n + of(v), 0);
  const started = sum((v) => v.startRate.started);
  const signed = sum((v) => v.startRate.signed);
  const converted = sum((v) => v.conversion.signed);
  const left = sum((v) => v.conversion.left);
  return {
    contractCount: sum((v) => v.contractCount),
    contractAmount: sumWan(parts.map((v) => v.contractAmount)),
    startedCount: sum((v) => v.startedCount),
    fundsInPlace: sumWan(parts.map((v) => v.fundsInPlace)),
    leaderTrips: sum((v) => v.leaderTrips),
    enterprisesMet: sum((v) => v.enterprisesMet),
    startRate: {
      ...none.startRate,
      rate: signed ? started / signed : null,
      started,
      signed,
      terminated: sum((v) => v.startRate.terminated),
    },
    signedNotStarted: sum((v) => v.signedNotStarted),
    conversion: { rate: left ? converted / left : null, signed: converted, left },
  };
}
