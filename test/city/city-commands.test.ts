import { describe, expect, it } from 'vitest';
import { CITY_ONLY, cityCommands } from '../../commands/city/index.ts';
import { commands } from '../../commands/index.ts';
import { Matcher } from '../../src/core/matcher.ts';
import { LISI, MAYOR, smallCity } from '../helpers/city.ts';
import { smallDistrict } from '../helpers/conversation.ts';
import { journalOf } from '../helpers/test-store.ts';

const CITY = cityCommands(() => []);

describe('the city admins’ commands', () => {
  it('set a district’s city target on the city unit of its name, and the city’s own on 全市', async () => {
    const { city } = await smallCity(['高新区', '经开区']);
    expect(await city.say('设置目标 高新区 2023年 市级目标 签约个数40 合同额50亿', MAYOR)).toBe(
      '✅ 已设置 高新区 2023年「市级目标」\n签订正式合同个数：40\n正式合同额：50亿元',
    );
    expect(await city.say('设置目标 全市 2023年 报告目标 签约个数120', MAYOR)).toMatch(
      /^✅ 已设置 全市 2023年「报告目标」/,
    );
    const unit = city.store.unitByName('高新区');
    expect(city.store.targets().map((t) => [t.scope, t.tier, t.indicator, t.value])).toEqual([
      [{ kind: 'unit', unitId: unit?.id }, '市级目标', 'contractCount', 40],
      [{ kind: 'unit', unitId: unit?.id }, '市级目标', 'contractAmount', 500_000],
      [{ kind: 'district' }, '报告目标', 'contractCount', 120],
    ]);
  });

  it('refuse a target for anything that is not one of the city’s districts, and write nothing', async () => {
    const { city } = await smallCity(['高新区', '经开区'], { withoutUnit: ['经开区'] });
    const before = (await journalOf(city.store)).length;
    expect(await city.say('设置目标 火星区 2023年 市级目标 签约个数4', MAYOR)).toMatch(
      /^❌ 「火星区」不是本市的区县，市级目标只能设给全市或某个区县。本市区县：高新区、经开区。/,
    );
    for (const scope of ['全区', '专班铝产业', '领导张三', '工业园区管委会'])
      expect(await city.say(`设置目标 ${scope} 2023年 市级目标 签约个数4`, MAYOR)).toMatch(/不是本市的区县/);
    expect(await city.say('设置目标 经开区 2023年 市级目标 签约个数4', MAYOR)).toMatch(
      /^❌ 区县「经开区」在市级台账中还没有对应的单位/,
    );
    expect(city.store.targets()).toEqual([]);
    expect((await journalOf(city.store)).length).toBe(before);
  });

  it('show and change the city’s settings, and help with the city’s commands only', async () => {
    const { city } = await smallCity(['高新区']);
    expect(await city.say('设置 红黑榜人数 5', MAYOR)).toMatch(/^✅/);
    expect(await city.say('查看设置', MAYOR)).toMatch(/红黑榜人数：5/);
    const help = await city.say('帮助', MAYOR);
    expect(help).toMatch(/区县晾晒：/);
    expect(help).toMatch(/全市上半年总结：/);
    expect(help).not.toMatch(/登记签约|本月晾晒：/);
    expect(help).toMatch(/如：帮助 区县晾晒/);
    expect(await city.say('今天天气不错', MAYOR)).toMatch(/「帮助 区县晾晒」/);
  });

  it('are for the city’s admins only', async () => {
    expect(CITY.filter((s) => s.access !== 'admin').map((s) => s.id)).toEqual([]);
    const { city } = await smallCity(['高新区']);
    expect(await city.say('区县晾晒', LISI)).toMatch(/还不认识您/);
  });

  it('do not read a report as a write the city cannot make', async () => {
    const { city } = await smallCity(['高新区']);
    expect(await city.say('高新区再生铝项目签约了，合同额5亿', MAYOR)).toMatch(/^❓ 没看懂/);
    expect(await city.say('高新区再生铝项目到位资金3000万', MAYOR)).toMatch(/^❓ 没看懂/);
  });
});

describe('the city’s words beside a district’s', () => {
  it('are one phrase table with no trigger claimed twice', () => {
    expect(() => new Matcher(CITY)).not.toThrow();
  });

  it('name as city-only exactly 区县晾晒 and the 全市 summary', () => {
    expect([...CITY_ONLY].sort()).toEqual(['city-summary', 'district-ranking']);
    const ids = CITY.map((s) => s.id);
    for (const id of CITY_ONLY) expect(ids).toContain(id);
  });

  it('mean nothing else in a district, as a command word or as a question', async () => {
    const district = new Matcher(commands);
    const c = await smallDistrict();
    const cityOnly = CITY.filter((s) => CITY_ONLY.has(s.id));
    const written = [
      ...cityOnly.flatMap((s) => s.triggers),
      '2023年全市上半年总结',
      '全市2023年全年总结',
      '区县晾晒？',
      '各区县排名怎么样',
      '区县排名发一下',
    ];
    for (const text of written) {
      expect(district.match(text), text).toBeNull();
      expect(await c.say(text), text).toMatch(/^❓ 没看懂/);
    }
  });

  it('leave a district’s own 上半年总结 in the district', () => {
    const summary = CITY.find((s) => s.triggers.includes('上半年总结'));
    expect(summary?.id).toBe('summary');
    expect(CITY_ONLY.has('summary')).toBe(false);
  });
});
