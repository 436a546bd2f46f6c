import { describe, expect, it } from 'vitest';
import { sumIndicators } from '../../src/city/summed-indicators.ts';
import { computeIndicators } from '../../src/race/indicators.ts';

const PERIOD = { from: '2023-01-01', to: '2023-06-30' };
const SETTINGS = { startRateExcludesTerminated: true };

function district(values: {
  amount: number;
  funds: number;
  started: number;
  signed: number;
  converted: number;
  left: number;
}) {
  const none = computeIndicators([], [], { kind: 'district' }, PERIOD, SETTINGS);
  return {
    ...none,
    contractAmount: values.amount,
    fundsInPlace: values.funds,
    startRate: {
      ...none.startRate,
      started: values.started,
      signed: values.signed,
      rate: values.started / values.signed,
    },
    conversion: { signed: values.converted, left: values.left, rate: values.converted / values.left },
  };
}

describe('the city’s figures summed from its districts', () => {
  it('adds 万元 in whole 元, so 0.1万 and 0.2万 make 0.3万 exactly', () => {
    const sum = sumIndicators(
      [
        district({ amount: 0.1, funds: 1234.5678, started: 1, signed: 1, converted: 1, left: 1 }),
        district({ amount: 0.2, funds: 0.0001, started: 0, signed: 3, converted: 1, left: 3 }),
      ],
      PERIOD,
      SETTINGS,
    );
    expect(sum.contractAmount).toBe(0.3);
    expect(sum.fundsInPlace).toBe(1234.5679);
  });

  it('computes the rates again from the summed counts, never as a mean of the districts’ rates', () => {
    const sum = sumIndicators(
      [
        district({ amount: 0, funds: 0, started: 1, signed: 1, converted: 1, left: 1 }),
        district({ amount: 0, funds: 0, started: 0, signed: 3, converted: 1, left: 3 }),
      ],
      PERIOD,
      SETTINGS,
    );
    expect(sum.startRate).toMatchObject({ started: 1, signed: 4, rate: 0.25, fromYear: 2021 });
    expect(sum.conversion).toEqual({ signed: 2, left: 4, rate: 0.5 });
  });

  it('has no rate and the window of the period when there is no district', () => {
    const sum = sumIndicators([], PERIOD, SETTINGS);
    expect(sum.contractCount).toBe(0);
    expect(sum.startRate).toMatchObject({ rate: null, fromYear: 2021, excludesTerminated: true });
  });
});
