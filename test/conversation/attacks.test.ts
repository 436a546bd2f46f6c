import { describe, expect, it } from 'vitest';
import { smallDistrict } from '../helpers/conversation.ts';

/** A hostile or careless member, through the real bot: nothing wrong is written, nothing leaks. */
describe('attacks on conversation', () => {
  it('a free-form report about another project is not taken as the answer to a waiting amount question', async () => {
    const c = await smallDistrict();
    await c.say('登记签约 再生铝项目 合同额3亿 类型正式合同 日期2023-05-01', { as: 'wangwu' });
    const asked = await c.say('登记签约 门窗项目 类型正式合同', { as: 'wangwu' });
    expect(asked).toContain('合同额');
    const answer = await c.say('再生铝项目今天到位3000万', { as: 'wangwu' });
    expect(answer).toContain('已登记到位资金');
    const doors = c.store.scanProjects((all) => all.find((p) => p.name === '门窗项目'));
    expect(doors).toBeUndefined();
    const alu = c.store.scanProjects((all) => all.find((p) => p.name === '再生铝项目'));
    expect(alu?.instalments.map((i) => i.amountWan)).toEqual([3000]);
  });

  it('a platform retry of an answer does not also confirm the question that answer led to', async () => {
    const c = await smallDistrict();
    await c.say('登记签约 再生铝项目 合同额3亿 类型正式合同 日期2023-05-01', { as: 'wangwu' });
    expect(await c.say('到位资金 再生铝项目 5000', { as: 'wangwu', id: 'm1' })).toContain('5000万元');
    // 「1」 = 5000亿, which is past 1.5x the contract: the bot asks before writing
    expect(await c.say('1', { as: 'wangwu', id: 'm2' })).toContain('1.5 倍');
    // the platform delivers m2 again (its first reply timed out): it is the same 「1」, not a confirmation
    await c.say('1', { as: 'wangwu', id: 'm2' });
    const alu = c.store.scanProjects((all) => all.find((p) => p.name === '再生铝项目'));
    expect(alu?.instalments).toEqual([]);
    expect(c.store.pendingQuestion('test:-:wangwu')?.question).toContain('1.5 倍');
  });

  it('a second signing of a terminated project is refused, not amended', async () => {
    const c = await smallDistrict();
    await c.say('登记签约 华峰铝业项目 合同额5亿 类型正式合同 日期2023-05-01', { as: 'lisi' });
    await c.say('终止项目 华峰铝业项目 原因 不来了', { as: 'lisi' });
    await c.say('登记签约 华峰铝业项目 合同额9亿 类型正式合同', { as: 'lisi' });
    await c.say('1', { as: 'lisi' });
    const p = c.store.scanProjects((all) => all.find((x) => x.name === '华峰铝业项目'));
    expect(p?.signing?.amountWan).toBe(50000);
    expect(p?.signing?.date).toBe('2023-05-01');
  });

  it('a second signing dated after the start asks before putting the signing after the start', async () => {
    const c = await smallDistrict();
    await c.say('登记签约 再生铝项目 合同额3亿 类型框架协议 日期2023-05-01', { as: 'wangwu' });
    await c.say('登记开工 再生铝项目 类型建安类 日期2023-06-01', { as: 'wangwu' });
    await c.say('登记签约 再生铝项目 合同额9亿 类型正式合同', { as: 'wangwu' });
    const second = await c.say('1', { as: 'wangwu' });
    expect(second).toContain('早于签约日期');
    const p = c.store.scanProjects((all) => all.find((x) => x.name === '再生铝项目'));
    expect(p?.signing?.date).toBe('2023-05-01');
    expect(await c.say('1', { as: 'wangwu' })).toContain('已更新签约');
  });

  it('a message the bot cannot read is echoed at most 40 characters', async () => {
    const c = await smallDistrict();
    const answer = await c.say('签'.repeat(1999), { as: 'wangwu' });
    expect(answer).toContain('没看懂');
    expect(answer).not.toContain('签'.repeat(41));
  });

  it('an amount too large or already in 万/亿 is refused, not asked about with its digits repeated', async () => {
    const c = await smallDistrict();
    await c.say('登记签约 再生铝项目 合同额3亿 类型正式合同 日期2023-05-01', { as: 'wangwu' });
    const huge = await c.say(`再生铝项目到位${'9'.repeat(300)}`, { as: 'wangwu' });
    expect(huge).not.toContain('9'.repeat(41));
    expect(c.store.pendingQuestion('test:-:wangwu')).toBeNull();
    const trillions = await c.say('登记签约 新项目甲 合同额2万亿 类型正式合同', { as: 'wangwu' });
    expect(trillions).toContain('超过 1万亿元');
    expect(trillions).not.toContain('亿亿');
  });

  it('a project name past 60 characters in a typed answer is refused', async () => {
    const c = await smallDistrict();
    expect(await c.say('签了正式合同5亿', { as: 'wangwu' })).toContain('是哪个项目');
    expect(await c.say(`${'乙'.repeat(70)}项目`, { as: 'wangwu' })).toContain('太长');
    expect(c.store.scanProjects((all) => all.length)).toBe(0);
  });

  it('a long project name in a sentence is kept whole, or refused past 60 characters, never cut short', async () => {
    const c = await smallDistrict();
    const long = `${'甲'.repeat(45)}项目`;
    expect(await c.say(`${long}签了正式合同5亿`, { as: 'wangwu' })).toContain('已登记签约');
    const names = () => c.store.scanProjects((all) => all.map((p) => p.name));
    expect(names()).toEqual([long]);
    const tooLong = await c.say(`${'长'.repeat(70)}项目签了正式合同5亿`, { as: 'wangwu' });
    expect(tooLong).toContain('太长');
    expect(names()).toEqual([long]);
  });

  it('a question repeats at most 40 characters of a vague date or a unitless number', async () => {
    const c = await smallDistrict();
    await c.say('登记签约 再生铝项目 合同额3亿 类型正式合同 日期2023-05-01', { as: 'wangwu' });
    const day = await c.say(`到位资金 再生铝项目 3000万 日期月底${'嗯'.repeat(55)}`, { as: 'wangwu' });
    expect(day).not.toContain('嗯'.repeat(40));
    const amount = await c.say(`到位资金 再生铝项目 1.${'0'.repeat(50)}1`, { as: 'wangwu' });
    expect(amount).not.toContain('0'.repeat(41));
  });

  it('a quantity in a project name (年产50万吨) is never taken as the contract amount', async () => {
    const c = await smallDistrict();
    const asked = await c.say('年产50万吨钢材项目签了正式合同', { as: 'wangwu' });
    expect(asked).toContain('合同额是多少');
    expect(c.store.scanProjects((all) => all.length)).toBe(0);
    expect(await c.say('3亿', { as: 'wangwu' })).toContain('合同额 3亿元');
  });

  it('a new project name that opens the message keeps a first character that is also a particle', async () => {
    const c = await smallDistrict();
    for (const name of ['现代农业产业园项目', '再生资源回收项目', '都市农业项目']) {
      expect(await c.say(`${name}签了正式合同5亿`, { as: 'wangwu' })).toContain(`已登记签约：`);
    }
    expect(await c.say('今天和平路改造项目签了正式合同5亿', { as: 'wangwu' })).toContain(`已登记签约：`);
    expect(c.store.scanProjects((all) => all.map((p) => p.name))).toEqual([
      '现代农业产业园项目',
      '再生资源回收项目',
      '都市农业项目',
      '和平路改造项目',
    ]);
  });

  it('a project 编号 in a sentence is never read as a date (P2026-001 is not 26-00)', async () => {
    const c = await smallDistrict();
    await c.say('登记签约 再生铝项目 合同额3亿 类型正式合同 日期2023-05-01', { as: 'wangwu' });
    await c.say('登记签约 华峰铝业项目 合同额3亿 类型正式合同 日期2023-05-01', { as: 'lisi' });
    // P2023-002 is lisi's: for wangwu it is no project, and the answer says so rather than asking a day
    const other = await c.say('P2023-002到位3000万', { as: 'wangwu' });
    expect(other).not.toContain('是哪一天');
    expect(await c.say('到位资金 再生铝项目', { as: 'wangwu' })).toContain('到位金额是多少');
    expect(await c.say('P2023-001 100万', { as: 'wangwu' })).not.toContain('是哪一天');
  });

  it('an answer is applied once: sent again with a new id, or redelivered with the same id', async () => {
    const c = await smallDistrict();
    await c.say('登记签约 再生铝项目 合同额3亿 类型正式合同 日期2023-05-01', { as: 'wangwu' });
    await c.say('到位资金 再生铝项目', { as: 'wangwu', id: 'q1' });
    const first = await c.say('3000万', { as: 'wangwu', id: 'q2' });
    expect(first).toContain('已登记到位资金');
    // a redelivery gets the same answer again, from the handled-message record, and writes nothing
    expect(await c.say('3000万', { as: 'wangwu', id: 'q2' })).toBe(first);
    expect(await c.say('3000万', { as: 'wangwu', id: 'q3' })).toContain('没看懂');
    expect(await c.say('1', { as: 'lisi', id: 'q4' })).toContain('没看懂');
    const alu = c.store.scanProjects((all) => all.find((p) => p.name === '再生铝项目'));
    expect(alu?.instalments.map((i) => i.amountWan)).toEqual([3000]);
  });

  it('hostile text never ends in an internal error, and nothing is written on a question or refusal', async () => {
    const c = await smallDistrict();
    await c.say('登记签约 再生铝项目 合同额3亿 类型正式合同 日期2023-05-01', { as: 'wangwu' });
    const hostile = [
      '__proto__',
      '登记签约 __proto__ 合同额5亿',
      'constructor签了正式合同',
      '项目：__proto__\n金额：5亿',
      '\u0000\u0001\u202e签约',
      `${'\n'.repeat(2400)}签了`,
      `再生铝项目${'“”'.repeat(600)}签约`,
      '再生铝项目到位1e308万',
      '再生铝项目到位NaN万',
      '再生铝项目于2023年13月45日开工',
      '“““再生铝项目”””签了',
      `${'签'.repeat(2400)}`,
    ];
    for (const text of hostile) {
      const before = JSON.stringify(c.store.scanProjects((all) => all));
      const answer = await c.say(text, { as: 'wangwu' });
      expect(answer).not.toContain('出了问题');
      if (!answer.startsWith('✅')) expect(JSON.stringify(c.store.scanProjects((all) => all))).toBe(before);
      await c.say('取消', { as: 'wangwu' });
    }
  });
});
