import type { Indicator } from '../../storage/schema.ts';
import { formatWan } from './money.ts';

/** How each indicator is named, read and shown. */
export const INDICATOR_INFO: Record<
  Indicator,
  { label: string; names: string[]; kind: 'count' | 'amount' | 'rate'; unit?: string }
> = {
  contractCount: {
    label: '签订正式合同个数',
    names: ['正式合同个数', '签约个数', '合同个数', '签约数'],
    kind: 'count',
    unit: '个',
  },
  contractAmount: { label: '正式合同额', names: ['正式合同额', '合同额'], kind: 'amount' },
  startedCount: {
    label: '认定开工项目',
    names: ['开工个数', '开工项目', '开工数', '开工'],
    kind: 'count',
    unit: '个',
  },
  fundsInPlace: { label: '到位资金', names: ['到位资金', '资金到位'], kind: 'amount' },
  leaderTrips: {
    label: '区领导带队外出招商次数',
    names: ['外出招商次数', '外出招商', '外出次数'],
    kind: 'count',
    unit: '次',
  },
  enterprisesMet: { label: '对接企业数', names: ['对接企业数', '对接企业'], kind: 'count', unit: '家' },
  startRate: { label: '近三年签约项目开工率', names: ['开工率'], kind: 'rate' },
};

/**
 * A quantity with its unit, also for values that are not whole (序时应达 = target × elapsed): counts to
 * one decimal with 个/次/家, amounts by the money rule, rates as percentages.
 */
export function formatQuantity(indicator: Indicator, value: number, estimate = false): string {
  const { kind, unit = '' } = INDICATOR_INFO[indicator];
  // an estimate (target × 序时进度) below 1亿 is shown to the whole 万元: 9167万元, not 9166.6667万元
  if (kind === 'amount') return formatWan(estimate && Math.abs(value) < 10_000 ? Math.round(value) : value);
  if (kind === 'rate') return `${Math.round(value * 1000) / 10}%`;
  const tenths = Math.round(value * 10) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}${unit}`;
}

export function formatIndicatorValue(indicator: Indicator, value: number): string {
  const { kind } = INDICATOR_INFO[indicator];
  if (kind === 'amount') return formatWan(value);
  if (kind === 'rate') return `${Math.round(value * 1000) / 10}%`;
  return String(value);
}
