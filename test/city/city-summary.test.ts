import { describe, expect, it } from 'vitest';
import { LISI, MAYOR, signings, smallCity } from '../helpers/city.ts';

/**
 * Two districts' first half of 2023, registered in their own chats: 高新区 38 contracts of 1.1亿, one
 * started, 5000万 in place, a trip meeting 甲公司 and 乙公司; 经开区 12 contracts of 0.3亿, nine
 * started, 1234.5678万 in place, a trip meeting 甲公司 (counted by each district, so twice in the city).
 */
async function halfYearCity() {
  const c = await smallCity(['高新区', '经开区']);
  const gaoxin = c.district('高新区');
  const jingkai = c.district('经开区');
  await signings(gaoxin, '高新', 38, (i) => `合同额1.1亿 正式合同 日期2023-0${(i % 6) + 1}-10`);
  await gaoxin.say('登记开工 高新1号项目 类型建安类 日期2023-06-01', LISI);
  await gaoxin.say('到位资金 高新2号项目 5000万 凭证银行回单 日期2023-05-10', LISI);
  await gaoxin.say('外出招商 深圳 带队张三 对接企业甲公司、乙公司 日期2023-03-01', LISI);
  await signings(jingkai, '经开', 12, (i) => `合同额0.3亿 正式合同 日期2023-0${(i % 6) + 1}-12`);
  for (let i = 1; i <= 9; i++)
    expect(await jingkai.say(`登记开工 经开${i}号项目 类型建安类 日期2023-06-20`, LISI)).toMatch(/^✅/);
  await jingkai.say('到位资金 经开1号项目 1234.5678万 凭证银行回单 日期2023-06-15', LISI);
  await jingkai.say('外出招商 上海 带队张三 对接企业甲公司 日期2023-04-01', LISI);
  await c.city.say('设置目标 全市 2023年 报告目标 签约个数100', MAYOR);
  await c.city.say('设置目标 全市 2023年 市级目标 合同额100亿', MAYOR);
  return c;
}

const PARAGRAPH =
  '上半年，全市签订正式合同50个，完成市政府工作报告目标的50%；正式合同额45.4亿元，完成市级正式合同额目标的45.4%；' +
  '累计认定开工项目10个、近三年签约项目开工率20%；到位资金6234.5678万元。' +
  '各区县领导带队外出招商2次，对接企业3家；签约未开工项目40个。';

describe('the city’s 上半年总结 sums its districts', () => {
  it('adds the districts’ figures exactly and measures them against the city’s own targets', async () => {
    const { city, district } = await halfYearCity();
    // each district says its own first
    expect(await district('高新区').say('上半年总结', LISI)).toMatch(
      /全区签订正式合同38个；正式合同额41\.8亿元/,
    );
    expect(await district('经开区').say('上半年总结', LISI)).toMatch(
      /全区签订正式合同12个；正式合同额3\.6亿元/,
    );
    const answer = await city.say('上半年总结', MAYOR);
    expect(answer).toMatch(/^ℹ️ 2023年上半年全市招商投资促进工作统计（2023-01-01 至 2023-06-30）\n/);
    expect(answer).toContain(PARAGRAPH);
    // 1 of 38 and 9 of 12 started: 10 of 50 is 20%, where the mean of 2.6% and 75% would say 38.8%
    expect(answer).toMatch(
      /开工率 = 2021年以来正式合同签约项目中已开工的 10 个 ÷ 50 个；终止项目 0 个已剔除/,
    );
  });

  it('shows each district’s part of the city', async () => {
    const { city } = await halfYearCity();
    const answer = await city.say('上半年总结', MAYOR);
    expect(answer).toMatch(/各区县：括号内为占全市的比例/);
    expect(answer).toMatch(/^区县\s+签约个数\s+正式合同额\s+认定开工\s+到位资金$/m);
    // 41.8 ÷ 45.4 = 92.07%; 5000 ÷ 6234.5678 = 80.20%
    expect(answer).toMatch(/^高新区\s+38个（76%）\s+41\.8亿元（92\.1%）\s+1个（10%）\s+5000万元（80\.2%）$/m);
    expect(answer).toMatch(
      /^经开区\s+12个（24%）\s+3\.6亿元（7\.9%）\s+9个（90%）\s+1234\.5678万元（19\.8%）$/m,
    );
    expect(answer).toMatch(/^全市合计\s+50个\s+45\.4亿元\s+10个\s+6234\.5678万元$/m);
  });

  it('is the same answer under 全市 and 市级 words and with a year', async () => {
    const { city } = await halfYearCity();
    const plain = await city.say('上半年总结', MAYOR);
    for (const t of [
      '全市上半年总结',
      '市级上半年总结',
      '2023年全市上半年总结',
      '全市2023年上半年总结',
      '2023年上半年总结',
    ])
      expect(await city.say(t, MAYOR)).toBe(plain);
    expect(await city.say('全市全年总结', MAYOR)).toMatch(
      /^ℹ️ 2023年全市招商投资促进工作统计[\s\S]*今年来，全市签订正式合同50个/,
    );
    expect(await city.say('市级下半年总结', MAYOR)).toMatch(/2023年下半年还没有开始/);
  });

  it('counts the start rate by the city’s rule on terminated projects, whatever a district set', async () => {
    const { city, district } = await halfYearCity();
    // 「否」 at the end reads as a question (src/understand/cues.ts), so the other word for it
    expect(await district('经开区').say('设置 开工率剔除终止 不剔除')).toMatch(/^✅/);
    await district('经开区').say('终止项目 经开12号项目 原因企业战略调整 日期2023-06-25', LISI);
    expect(await district('经开区').say('上半年总结', LISI)).toMatch(
      /已开工的 9 个 ÷ 12 个；终止项目 1 个计入分母/,
    );
    // the city excludes it: 10 of 49
    expect(await city.say('上半年总结', MAYOR)).toMatch(
      /开工率20\.4%[\s\S]*已开工的 10 个 ÷ 49 个；终止项目 1 个已剔除/,
    );
    expect(await city.say('设置 开工率剔除终止 不剔除', MAYOR)).toMatch(/^✅/);
    expect(await city.say('上半年总结', MAYOR)).toMatch(
      /开工率20%[\s\S]*已开工的 10 个 ÷ 50 个；终止项目 1 个计入分母/,
    );
  });
});
