import type { Indicator } from '../../storage/schema.ts';
import type { Line, Reply } from '../core/reply.ts';
import { formatWan } from '../domain/money.ts';
import type { SummaryLevel } from '../text/zh/views.ts';
import { zh } from '../text/zh.ts';
import { formatPercent } from './format.ts';
import { type IndicatorValues, indicatorsFor } from './indicators.ts';
import type { Period } from './period.ts';
import { yearOf } from './period.ts';
import type { RaceView } from './race-context.ts';
import { type TierTarget, targetsOf } from './targets.ts';

const DISTRICT = { kind: 'district' } as const;

export type SummaryHalf = '上半年' | '下半年' | '全年';

function completion(
  actual: number,
  tiers: TierTarget[] | undefined,
  label: string,
  level: SummaryLevel,
): string {
  const valid = (tiers ?? []).filter((t) => t.value > 0);
  if (valid.length === 0) return '';
  return zh.summaryCompletion(
    valid.map((t) => zh.summaryShare(zh.summaryTier(t.tier, label, level), formatPercent(actual / t.value))),
  );
}

/**
 * The statistics paragraph of the seed's section 一, with the basis of its start rate: contracts,
 * amounts against each tier, starts, the three-year start rate, funds, leaders' trips and the
 * signed-not-started stock. Whose values and targets they are is the caller's business.
 */
export function summaryLines(
  v: IndicatorValues,
  targets: ReadonlyMap<Indicator, TierTarget[]>,
  which: SummaryHalf,
  level: SummaryLevel,
): Line[] {
  const t = (i: Indicator) => targets.get(i);
  const paragraph = zh.summaryParagraph({
    level,
    period: zh.summaryPeriodWord[which] as string,
    contracts: v.contractCount,
    contractsDone: completion(v.contractCount, t('contractCount'), '签约个数', level),
    amount: formatWan(v.contractAmount),
    amountDone: completion(v.contractAmount, t('contractAmount'), '正式合同额', level),
    started: v.startedCount,
    startRate: formatPercent(v.startRate.rate),
    funds: formatWan(v.fundsInPlace),
    fundsDone: completion(v.fundsInPlace, t('fundsInPlace'), '到位资金', level),
    trips: v.leaderTrips,
    enterprises: v.enterprisesMet,
    notStarted: v.signedNotStarted,
  });
  const sr = v.startRate;
  return [
    paragraph,
    zh.summaryBasis(sr.fromYear, sr.started, sr.signed, sr.terminated, sr.excludesTerminated),
  ];
}

/** The district's paragraph, computed from what was registered, against the district's own targets. */
export function summaryReply(view: RaceView, period: Period, which: SummaryHalf): Reply {
  const v = indicatorsFor(view.store, DISTRICT, period, view.settings);
  const targets = targetsOf(view.store, DISTRICT, yearOf(period.to));
  return {
    tone: 'info',
    title: zh.summaryTitle(period.label, period.from, period.to),
    lines: summaryLines(v, targets, which, 'district'),
  };
}
