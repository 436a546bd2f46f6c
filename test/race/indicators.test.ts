import { describe, expect, it } from 'vitest';
import { indicatorsFor } from '../../src/race/indicators.ts';
import { halfYear } from '../../src/race/period.ts';
import { readSettings } from '../../src/race/settings.ts';
import { smallDistrict } from '../helpers/conversation.ts';

const district = { kind: 'district' } as const;
const lisi = { as: 'lisi' };

describe('indicators over a hand-computed district', () => {
  it('counts formal contracts only, sums their amounts exactly, and leaves framework agreements out', async () => {
    const { say, store } = await smallDistrict({ now: '2023-07-01T10:00:00+08:00' });
    await say('登记签约 甲 合同额1.1亿 正式合同 日期2023-01-01', lisi);
    await say('登记签约 乙 合同额2.2亿 正式合同 日期2023-06-30', lisi);
    await say('登记签约 丙 合同额0.3亿 正式合同 日期2023-07-01', lisi); // next half
    await say('登记签约 丁 合同额50亿 框架协议 日期2023-03-01', lisi);
    await say('登记签约 戊 合同额1亿 意向协议 日期2023-03-01', lisi);
    await say('登记签约 己 合同额1234.5678万 正式合同 日期2022-12-31', lisi); // last year
    const v = indicatorsFor(store, district, halfYear(2023, 1, '2023-07-01'), readSettings(store));
    expect(v.contractCount).toBe(2);
    expect(v.contractAmount).toBe(33_000);
  });

  it('counts starts and funds by their own dates, and sums 元 without drift', async () => {
    const { say, store } = await smallDistrict({ now: '2023-07-01T10:00:00+08:00' });
    await say('登记签约 甲 合同额1亿 正式合同 日期2022-05-01', lisi);
    await say('登记开工 甲 建安类 日期2023-01-01', lisi);
    await say('登记签约 乙 合同额1亿 框架协议 日期2023-02-01', lisi);
    await say('登记开工 乙 开业类 日期2023-06-30', lisi); // a framework project may start: it counts as a start
    await say('登记签约 丙 合同额1亿 正式合同 日期2023-02-01', lisi);
    await say('登记开工 丙 设备购置类 日期2023-07-01', lisi);
    // the same amount again within the hour is asked about; 「1」 confirms each is another payment
    for (let i = 0; i < 10; i++) {
      await say('到位资金 甲 0.1万 凭证银行回单 日期2023-03-01', lisi);
      if (i > 0) await say('1', lisi);
    }
    await say('到位资金 甲 12345元 日期2023-06-30', lisi);
    await say('到位资金 甲 1亿 日期2023-07-01', lisi);
    const v = indicatorsFor(store, district, halfYear(2023, 1, '2023-07-01'), readSettings(store));
    expect(v.startedCount).toBe(2);
    expect(v.fundsInPlace).toBe(2.2345);
  });

  it('computes the three-year start rate with terminated signings apart, including the window edge', async () => {
    const { say, store } = await smallDistrict({ now: '2023-07-01T10:00:00+08:00' });
    // window for H1 2023 is 2021-01-01 … 2023-06-30
    await say('登记签约 老项目 合同额1亿 正式合同 日期2020-12-31', lisi); // three years and one day before the window
    await say('登记开工 老项目 建安类 日期2023-01-05', lisi);
    await say('登记签约 甲 合同额1亿 正式合同 日期2021-01-01', lisi);
    await say('登记开工 甲 建安类 日期2021-06-01', lisi);
    await say('登记签约 乙 合同额1亿 正式合同 日期2022-03-01', lisi);
    await say('登记签约 丙 合同额1亿 正式合同 日期2023-03-01', lisi);
    await say('登记开工 丙 建安类 日期2023-07-01', lisi); // after the period: not started as of 6-30
    await say('登记签约 丁 合同额1亿 正式合同 日期2022-04-01', lisi);
    await say('终止项目 丁 原因企业战略调整 日期2023-02-01', lisi);
    await say('登记签约 戊 合同额1亿 框架协议 日期2022-04-01', lisi);
    const h1 = halfYear(2023, 1, '2023-07-01');
    const v = indicatorsFor(store, district, h1, readSettings(store));
    expect(v.startRate).toMatchObject({ started: 1, signed: 3, terminated: 1, fromYear: 2021 });
    expect(v.startRate.rate).toBeCloseTo(1 / 3, 12);
    expect(v.signedNotStarted).toBe(2); // 乙 and 丙; 丁 is terminated, 老项目 started
    const including = indicatorsFor(store, district, h1, { startRateExcludesTerminated: false });
    expect(including.startRate).toMatchObject({ started: 1, signed: 4, terminated: 1 });
  });

  it('measures the negotiation conversion among projects that left 在谈 in the period', async () => {
    const { say, store } = await smallDistrict({ now: '2023-07-01T10:00:00+08:00' });
    await say('登记在谈 甲 日期2023-01-01', lisi);
    await say('登记签约 甲 合同额1亿 正式合同 日期2023-03-01', lisi);
    await say('登记在谈 乙 日期2023-01-01', lisi);
    await say('终止项目 乙 原因企业放弃 日期2023-04-01', lisi);
    await say('登记在谈 丙 日期2023-01-01', lisi);
    await say('登记在谈 丁 日期2022-01-01', lisi);
    await say('登记签约 丁 合同额1亿 正式合同 日期2022-06-01', lisi); // left in an earlier period
    const v = indicatorsFor(store, district, halfYear(2023, 1, '2023-07-01'), readSettings(store));
    expect(v.conversion).toEqual({ rate: 0.5, signed: 1, left: 2 });
  });

  it('counts trips led by district leaders and distinct enterprises, per leader too', async () => {
    const { say, store } = await smallDistrict({ now: '2023-07-01T10:00:00+08:00' });
    await say('添加成员 刘六 账号liuliu 角色领导');
    await say('外出招商 深圳 带队张三 对接企业甲公司、乙公司 日期2023-03-01', lisi);
    await say('外出招商 上海 带队张三 对接企业乙公司、丙公司 日期2023-04-01', lisi);
    await say('外出招商 北京 带队刘六 对接企业丁公司 日期2023-05-01', lisi);
    await say('外出招商 成都 带队李四 对接企业戊公司 日期2023-05-01', lisi); // not a district leader
    await say('外出招商 重庆 带队张三 对接企业己公司 日期2023-07-01', lisi); // next half
    const h1 = halfYear(2023, 1, '2023-07-01');
    const all = indicatorsFor(store, district, h1, readSettings(store));
    expect([all.leaderTrips, all.enterprisesMet]).toEqual([3, 4]);
    const zhang = indicatorsFor(store, { kind: 'leader', leaderName: '张三' }, h1, readSettings(store));
    expect([zhang.leaderTrips, zhang.enterprisesMet]).toEqual([2, 3]);
  });

  it('scopes by unit and by industrial chain', async () => {
    const { say, store } = await smallDistrict({ now: '2023-07-01T10:00:00+08:00' });
    await say('登记签约 甲 合同额1亿 正式合同 产业链铝产业 日期2023-03-01', lisi);
    await say('登记签约 乙 合同额2亿 正式合同 产业链食品加工 日期2023-03-01', { as: 'wangwu' });
    const h1 = halfYear(2023, 1, '2023-07-01');
    const park = store.unitByName('工业园区管委会')?.id as string;
    expect(indicatorsFor(store, { kind: 'unit', unitId: park }, h1, readSettings(store)).contractAmount).toBe(
      10_000,
    );
    expect(
      indicatorsFor(store, { kind: 'chain', chain: '食品加工' }, h1, readSettings(store)).contractAmount,
    ).toBe(20_000);
  });
});
