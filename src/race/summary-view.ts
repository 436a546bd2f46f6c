import type { Indicator } from '../../storage/schema.ts';
import type { Reply } from '../core/reply.ts';
import { formatWan } from '../domain/money.ts';
import { zh } from '../text/zh.ts';
import { formatPercent } from './format.ts';
import { indicatorsFor } from './indicators.ts';
import type { Period } from './period.ts';
import { yearOf } from './period.ts';
import type { RaceView } from './race-context.ts';
import { type TierTarget, targetsOf } from './targets.ts';

const DISTRICT = { kind: 'district' } as const;

function completion(actual: number, tiers: TierTarget[] | undefined, label: string): string {
  const valid = (tiers ?? []).filter((t) => t.value > 0);
  if (valid.length === 0) return '';
  return zh.summaryCompletion(
    valid.map((t) => zh.summaryShare(zh.summaryTier(t.tier, label), formatPercent(actual / t.value))),
  );
}

/**
 * The statistics paragraph of the seed's section 一, computed from what was registered: contracts,
 * amounts against each tier, starts, the three-year start rate, funds, leaders' trips and the
 * signed-not-started stock.
 */
export function summaryReply(view: RaceView, period: Period, which: '上半年' | '下半年' | '全年'): Reply {
  const v = indicatorsFor(view.store, DISTRICT, period, view.settings);
  const targets = targetsOf(view.store, DISTRICT, yearOf(period.to));
  const t = (i: Indicator) => targets.get(i);
  const paragraph = zh.summaryParagraph({
    period: zh.summaryPeriodWord[which] as string,
    contracts: v.contractCount,
    contractsDone: completion(v.contractCount, t('contractCount'), '签约个数'),
    amount: formatWan(v.contractAmount),
    amountDone: completion(v.contractAmount, t('contractAmount'), '正式合同额'),
    started: v.startedCount,
    startRate: formatPercent(v.startRate.rate),
    funds: formatWan(v.fundsInPlace),
    fundsDone: completion(v.fundsInPlace, t('fundsInPlace'), '到位资金'),
    trips: v.leaderTrips,
    enterprises: v.enterprisesMet,
    notStarted: v.signedNotStarted,
  });
  const sr = v.startRate;
  return {
    tone: 'info',
    title: zh.summaryTitle(period.label, period.from, period.to),
    lines: [
      paragraph,
      zh.summaryBasis(sr.fromYear, sr.started, sr.signed, sr.terminated, sr.excludesTerminated),
    ],
  };
}
