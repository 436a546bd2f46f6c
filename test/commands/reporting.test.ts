import { describe, expect, it } from 'vitest';
import { smallDistrict } from '../helpers/conversation.ts';

describe('members report a project through its life', () => {
  it('registers a negotiation, signs it, starts it, records funds, notes and a problem', async () => {
    const { say, store } = await smallDistrict();
    expect(
      await say('登记在谈 再生铝项目 投资额8亿 投资方某某铝业 产业链铝产业 日期2023-05-01', { as: 'lisi' }),
    ).toMatch(/已登记在谈：P2023-001 再生铝项目/);
    expect(await say('登记签约 再生铝项目 合同额12亿 类型正式合同 日期2023-05-20', { as: 'lisi' })).toMatch(
      /已登记签约：P2023-001[\s\S]*合同额 12亿元[\s\S]*约定开工期限：2024-03-31[\s\S]*已有项目转为签约/,
    );
    expect(await say('登记开工 再生铝项目 类型建安类 日期6月1日', { as: 'lisi' })).toMatch(
      /已认定开工.*\n建安类　开工日期 2023-06-01/,
    );
    expect(await say('到位资金 再生铝项目 8000万 凭证银行回单 日期2023-06-10', { as: 'lisi' })).toMatch(
      /累计到位 8000万元（1 笔）/,
    );
    expect(await say('资金到位 再生铝项目 三点五亿 凭证验资报告', { as: 'lisi' })).toMatch(
      /累计到位 4.3亿元（2 笔）/,
    );
    expect(await say('进度 再生铝项目 已完成土地摘牌，下周进场', { as: 'lisi' })).toMatch(
      /已完成土地摘牌，下周进场/,
    );
    expect(await say('问题 再生铝项目 用地 土地报批未完成', { as: 'lisi' })).toMatch(
      /【土地】土地报批未完成/,
    );

    const p = store.project('P2023-001');
    expect(p).toMatchObject({
      stage: '开工',
      investmentWan: 80_000,
      negotiationSince: '2023-05-01',
      signing: { type: '正式合同', date: '2023-05-20', amountWan: 120_000, startDeadline: '2024-03-31' },
      start: { type: '建安类', date: '2023-06-01' },
    });
    expect(p?.instalments.map((i) => [i.amountWan, i.evidence, i.date])).toEqual([
      [8000, '银行回单', '2023-06-10'],
      [35_000, '验资报告', '2023-06-30'],
    ]);
    expect(p?.notes[0]?.text).toBe('已完成土地摘牌，下周进场');
    expect(p?.problems[0]).toMatchObject({ category: '土地', text: '土地报批未完成' });
  });

  it('marks a negotiation 重大 however the flag is written, brackets included as the README shows it', async () => {
    const { say, store } = await smallDistrict();
    const forms = ['重大', '[重大]', '【重大】', '重大项目'];
    for (const [i, flag] of forms.entries()) {
      expect(await say(`登记在谈 在谈项目${i}号 投资额2亿 ${flag}`, { as: 'lisi' })).toMatch(/重大项目/);
    }
    expect(store.projects().map((p) => p.major)).toEqual([true, true, true, true]);
  });

  it('creates a project straight at signing, and marks framework agreements as not counted', async () => {
    const { say, store } = await smallDistrict();
    expect(await say('签约登记 预制菜加工项目 框架协议 5亿 日期2023-03-01', { as: 'lisi' })).toMatch(
      /已登记签约[\s\S]*框架协议不计入正式合同个数和合同额[\s\S]*新建项目/,
    );
    expect(store.project('P2023-001')?.signing).toMatchObject({ type: '框架协议', amountWan: 50_000 });
  });

  it('accepts a name in quotes and an agreed start deadline', async () => {
    const { say, store } = await smallDistrict();
    await say('登记签约 “年产 10 万吨 铝深加工” 合同额两亿 类型正式合同 开工期限2023-12-31', { as: 'lisi' });
    expect(store.project('P2023-001')).toMatchObject({
      name: '年产 10 万吨 铝深加工',
      signing: { amountWan: 20_000, startDeadline: '2023-12-31', date: '2023-06-30' },
    });
  });

  it('asks for the unit of an amount instead of guessing, and writes only when told', async () => {
    const { say, store } = await smallDistrict();
    const answer = await say('登记签约 再生铝项目 合同额12 类型正式合同', { as: 'lisi' });
    expect(answer).toMatch(/合同额「12」是 12亿元 还是 12万元？\n1\. 12亿元\n2\. 12万元/);
    expect(store.projects()).toEqual([]);
    expect(await say('1', { as: 'lisi' })).toMatch(/已登记签约/);
    expect(store.projects()[0]?.signing).toMatchObject({ amountWan: 120_000, type: '正式合同' });
  });

  it('refuses a signing without a contract type, listing every problem at once', async () => {
    const { say, store } = await smallDistrict();
    const before = store.seq;
    const answer = await say('登记签约 再生铝项目 日期明天', { as: 'lisi' });
    expect(answer).toMatch(/缺少「合同额」/);
    expect(answer).toMatch(/缺少「合同类型」/);
    expect(answer).toMatch(/日期「明天」在今天之后/);
    expect(store.seq).toBe(before);
  });

  it('refuses future dates for things that already happened', async () => {
    const { say, store } = await smallDistrict();
    expect(await say('登记签约 再生铝项目 合同额1亿 类型正式合同 日期2023-07-01', { as: 'lisi' })).toMatch(
      /今天之后/,
    );
    expect(store.projects()).toHaveLength(0);
  });

  it('refuses a start before any signing, and a second start', async () => {
    const { say } = await smallDistrict();
    await say('登记在谈 再生铝项目 日期2023-05-01', { as: 'lisi' });
    expect(await say('登记开工 再生铝项目 建安类', { as: 'lisi' })).toMatch(/还没有签约登记，不能认定开工/);
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    expect(await say('登记开工 再生铝项目 建安类 日期2023-05-01', { as: 'lisi' })).toMatch(
      /开工日期 2023-05-01 早于签约日期 2023-06-01。确认先开工、后签约吗？\n1\. 确认登记\n2\. 取消/,
    );
    expect(await say('2', { as: 'lisi' })).toMatch(/已取消/);
    await say('登记开工 再生铝项目 开业类', { as: 'lisi' });
    expect(await say('登记开工 再生铝项目 开业类', { as: 'lisi' })).toMatch(/已于 2023-06-30 认定开工/);
  });

  it('records a start dated before the signing only when the member confirms it', async () => {
    const { say, store } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    await say('登记开工 再生铝项目 建安类 日期2023-05-01', { as: 'lisi' });
    expect(store.project('P2023-001')?.start).toBeNull();
    expect(await say('1', { as: 'lisi' })).toMatch(
      /^✅ 已认定开工：P2023-001 再生铝项目\n建安类　开工日期 2023-05-01/,
    );
    expect(store.project('P2023-001')?.start).toEqual({ type: '建安类', date: '2023-05-01' });
  });

  it('refuses an unknown start type with the valid ones', async () => {
    const { say } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    expect(await say('登记开工 再生铝项目 类型挖掘机类', { as: 'lisi' })).toMatch(
      /开工类型「挖掘机类」不在可选范围内，可选：建安类、设备购置类、开业类/,
    );
  });

  it('terminates a project with its reason and refuses further reports on it', async () => {
    const { say, store } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    expect(await say('终止项目 再生铝项目 原因企业战略调整', { as: 'lisi' })).toMatch(
      /已终止[\s\S]*原阶段：签约　原因：企业战略调整/,
    );
    expect(store.project('P2023-001')).toMatchObject({
      stage: '终止',
      termination: { reason: '企业战略调整', fromStage: '签约' },
    });
    expect(await say('登记开工 再生铝项目 建安类', { as: 'lisi' })).toMatch(/已终止，不能再登记/);
    // the reason is asked first; the answer then meets the project's own refusal, and nothing is written
    expect(await say('终止项目 再生铝项目', { as: 'lisi' })).toMatch(/^❓ 终止原因是？/);
    expect(await say('企业撤资', { as: 'lisi' })).toMatch(/已终止，不能再登记/);
    expect(store.project('P2023-001')?.termination?.reason).toBe('企业战略调整');
  });

  it('records a trip led by a district leader with distinct enterprises', async () => {
    const { say, store } = await smallDistrict();
    expect(
      await say('外出招商 深圳 带队张三 对接企业某甲公司、某乙公司、某甲公司 日期6月12日', { as: 'lisi' }),
    ).toMatch(/对接企业 2 家：某甲公司、某乙公司/);
    expect(store.trips()[0]).toMatchObject({
      destination: '深圳',
      leaderName: '张三',
      ledByDistrictLeader: true,
      date: '2023-06-12',
    });
    expect(await say('招商外出 上海 带队赵六 对接企业某丙公司', { as: 'lisi' })).toMatch(
      /赵六 不是登记的区领导/,
    );
    expect(store.trips().find((t) => t.destination === '上海')?.ledByDistrictLeader).toBe(false);
  });

  it('takes the leader as the trip lead when a leader reports it', async () => {
    const { say, store } = await smallDistrict();
    await say('外出招商 成都 对接企业某丁公司', { as: 'zhangsan' });
    expect(store.trips()[0]).toMatchObject({ leaderName: '张三', ledByDistrictLeader: true });
  });

  it('numbers projects per year of the event', async () => {
    const { say } = await smallDistrict();
    expect(await say('登记签约 甲项目 合同额1亿 正式合同 日期2022-12-01', { as: 'lisi' })).toMatch(
      /P2022-001/,
    );
    expect(await say('登记签约 乙项目 合同额1亿 正式合同 日期2023-01-01', { as: 'lisi' })).toMatch(
      /P2023-001/,
    );
    expect(await say('登记签约 丙项目 合同额1亿 正式合同 日期2023-01-02', { as: 'lisi' })).toMatch(
      /P2023-002/,
    );
  });
});
