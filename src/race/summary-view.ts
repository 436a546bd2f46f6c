import type { Indicator } from '../../storage/schema.ts';
import type { Reply } from '../core/reply.ts';
import { formatWan } from '../domain/money.ts';
import { formatPercent } from './format.ts';
import { indicatorsFor } from './indicators.ts';
import type { Period } from './period.ts';
import { yearOf } from './period.ts';
import type { RaceView } from './race-context.ts';
import { type TierTarget, targetsOf } from './targets.ts';

const DISTRICT = { kind: 'district' } as const;

/** How the seed names each tier when it reports completion ("区政府工作报告目标", "市级下达…目标"). */
function tierPhrase(tier: string, label: string): string {
  if (tier === '报告目标') return '区政府工作报告目标';
  if (tier === '市级目标') return `市级下达${label}目标`;
  if (tier === 'M0') return `区级${label}M0目标`;
  return `${tier}${tier.endsWith('目标') ? '' : '目标'}`;
}

function completion(actual: number, tiers: TierTarget[] | undefined, label: string): string {
  const valid = (tiers ?? []).filter((t) => t.value > 0);
  if (valid.length === 0) return '';
  const parts = valid.map((t) => `${tierPhrase(t.tier, label)}的${formatPercent(actual / t.value)}`);
  return valid.length === 1 ? `，完成${parts[0]}` : `，分别完成${parts.join('、')}`;
}

const PERIOD_WORD: Record<string, string> = { 上半年: '上半年', 下半年: '下半年', 全年: '今年来' };

/**
 * The statistics paragraph of the seed's section 一, computed from what was registered: contracts,
 * amounts against each tier, starts, the three-year start rate, funds, leaders' trips and the
 * signed-not-started stock.
 */
export function summaryReply(view: RaceView, period: Period, which: '上半年' | '下半年' | '全年'): Reply {
  const v = indicatorsFor(view.store, DISTRICT, period, view.settings);
  const targets = targetsOf(view.store, DISTRICT, yearOf(period.to));
  const t = (i: Indicator) => targets.get(i);
  const paragraph =
    `${PERIOD_WORD[which]}，全区签订正式合同${v.contractCount}个${completion(v.contractCount, t('contractCount'), '签约个数')}；` +
    `正式合同额${formatWan(v.contractAmount)}${completion(v.contractAmount, t('contractAmount'), '正式合同额')}；` +
    `累计认定开工项目${v.startedCount}个、近三年签约项目开工率${formatPercent(v.startRate.rate)}；` +
    `到位资金${formatWan(v.fundsInPlace)}${completion(v.fundsInPlace, t('fundsInPlace'), '到位资金')}。` +
    `区领导带队外出招商${v.leaderTrips}次，对接企业${v.enterprisesMet}家；签约未开工项目${v.signedNotStarted}个。`;
  const sr = v.startRate;
  return {
    tone: 'info',
    title: `${period.label}招商投资促进工作统计（${period.from} 至 ${period.to}）`,
    lines: [
      paragraph,
      `口径：开工率 = ${sr.fromYear}年以来正式合同签约项目中已开工的 ${sr.started} 个 ÷ ${sr.signed} 个；终止项目 ${sr.terminated} 个${sr.excludesTerminated ? '已剔除' : '计入分母'}。框架协议、意向协议不计入合同指标。`,
    ],
  };
}
