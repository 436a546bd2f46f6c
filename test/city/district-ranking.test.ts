import { describe, expect, it } from 'vitest';
import { LISI, MAYOR, signings, smallCity } from '../helpers/city.ts';

/**
 * Four districts on 2023-06-30 (序时进度 6/12 = 50%), their figures registered in their own chats:
 * 高新区 3 contracts, 6亿; 临港区 6 contracts, 12亿; 经开区 1 contract, 3亿, and 5000万 in place;
 * 新城区 2 contracts, 2亿 and no city target.
 */
async function raceCity() {
  const c = await smallCity(['高新区', '临港区', '经开区', '新城区']);
  await signings(c.district('高新区'), '高新', 3, (i) => `合同额${4 - i}亿 正式合同 日期2023-0${i + 2}-01`);
  await signings(c.district('临港区'), '临港', 6, () => '合同额2亿 正式合同 日期2023-05-01');
  await signings(c.district('经开区'), '经开', 1, () => '合同额3亿 正式合同 日期2023-02-01');
  await c.district('经开区').say('到位资金 经开1号项目 5000万 凭证银行回单 日期2023-06-01', LISI);
  await signings(c.district('新城区'), '新城', 2, () => '合同额1亿 正式合同 日期2023-04-01');
  // a district's own targets are its own business: the city ranks on the city's
  await c.district('高新区').say('设置目标 工业园区管委会 2023年 市级目标 签约个数100');
  await c.district('高新区').say('设置目标 全区 2023年 市级目标 签约个数100 合同额100亿');
  for (const line of [
    '设置目标 高新区 2023年 市级目标 签约个数4 合同额10亿',
    '设置目标 临港区 2023年 市级目标 签约个数8 合同额20亿',
    '设置目标 经开区 2023年 市级目标 签约个数4 合同额10亿 到位资金2亿',
  ])
    expect(await c.city.say(line, MAYOR)).toMatch(/^✅ 已设置/);
  return c;
}

describe('区县晾晒: the city ranks its districts on its own targets', () => {
  it('gives each district its rank, colour, score and figures against 序时进度, ties sharing a rank', async () => {
    const { city } = await raceCity();
    const answer = await city.say('区县晾晒', MAYOR);
    expect(answer).toMatch(
      /^ℹ️ 2023年6月区县晾晒\n截至 2023年6月30日，序时进度 50%（按「市级目标」目标，序时进度按月计）/,
    );
    // 高新区: 6亿 of 5亿 due (120%), 3 of 2 due (150%) → (40×1.2 + 20×1.5) ÷ 60 = 130%
    // 临港区: 12亿 of 10亿 (120%), 6 of 4 (150%) → 130% as well: both first, by name
    // 经开区: 3亿 of 5亿 (60%), 1 of 2 (50%), 5000万 of 1亿 (50%) → (24 + 10 + 10) ÷ 80 = 55%
    const rows = answer.split('\n').filter((l) => /^\d\s/.test(l));
    expect(rows).toEqual([
      expect.stringMatching(
        /^1\s+高新区\s+🟩绿\s+130%\s+完成6亿元／应达5亿元（120%）\s+完成3个／应达2个（150%）\s+—\s+—$/,
      ),
      expect.stringMatching(
        /^1\s+临港区\s+🟩绿\s+130%\s+完成12亿元／应达10亿元（120%）\s+完成6个／应达4个（150%）\s+—\s+—$/,
      ),
      expect.stringMatching(
        /^3\s+经开区\s+🟧橙\s+55%\s+完成3亿元／应达5亿元（60%）\s+完成1个／应达2个（50%）\s+—\s+完成5000万元／应达1亿元（50%）$/,
      ),
    ]);
    expect(answer).toMatch(/^名次\s+区县\s+颜色\s+综合\s+合同额\s+签约个数\s+开工\s+到位资金$/m);
    expect(answer).toMatch(/🏅红榜：高新区（130%）、临港区（130%）/);
    expect(answer).toMatch(/⚠️黑榜：经开区（55%）/);
    expect(answer).toMatch(/差距最大：经开区：签约个数差 1个（完成 1个，序时应达 2个）/);
    expect(answer).toMatch(/未设目标、未参与排名：新城区/);
    expect(city.lastReply()?.picture).toBeUndefined();
  });

  it('answers to each of its names', async () => {
    const { city } = await raceCity();
    const first = await city.say('区县晾晒', MAYOR);
    for (const t of ['区县排名', '各区县晾晒', '区县赛马']) expect(await city.say(t, MAYOR)).toBe(first);
  });

  it('weighs and bands the districts by the city’s settings', async () => {
    const { city, district } = await raceCity();
    // a district's own weights do not move it in the city's race
    expect(await district('经开区').say('设置 权重 合同额0 签约个数0 开工0 到位资金100')).toMatch(/^✅/);
    expect(await city.say('设置 权重 合同额100 签约个数0 开工0 到位资金0', MAYOR)).toMatch(/^✅/);
    const answer = await city.say('区县晾晒', MAYOR);
    // only the amount counts now: 120%, 120%, 60%
    expect(answer).toMatch(/^1\s+高新区\s+🟩绿\s+120%/m);
    expect(answer).toMatch(/^1\s+临港区\s+🟩绿\s+120%/m);
    expect(answer).toMatch(/^3\s+经开区\s+🟧橙\s+60%/m);
    expect(await city.say('设置 五色阈值 100 90 70 65', MAYOR)).toMatch(/^✅/);
    expect(await city.say('区县晾晒', MAYOR)).toMatch(/^3\s+经开区\s+🟥红\s+60%/m);
  });

  it('counts what each district registers from then on', async () => {
    const { city, district } = await raceCity();
    await signings(district('经开区'), '经开新', 1, () => '合同额2亿 正式合同 日期2023-06-20');
    // 5亿 of 5亿 (100%), 2 of 2 (100%), 5000万 of 1亿 (50%) → (40 + 20 + 10) ÷ 80 = 87.5%
    expect(await city.say('区县晾晒', MAYOR)).toMatch(/^3\s+经开区\s+🟨黄\s+87\.5%/m);
  });

  it('says how to set targets while no district has one', async () => {
    const { city } = await smallCity(['高新区', '经开区']);
    expect(await city.say('区县晾晒', MAYOR)).toMatch(
      /还没有为任何区县设置2023年的目标，无法排名。市级管理员可发送：设置目标 区县名 2023年 市级目标 签约个数10/,
    );
  });

  it('lists a district the server made no city unit for as unranked', async () => {
    const { city } = await smallCity(['高新区', '经开区'], { withoutUnit: ['经开区'] });
    await city.say('设置目标 高新区 2023年 市级目标 签约个数4', MAYOR);
    const answer = await city.say('区县晾晒', MAYOR);
    expect(answer).toMatch(/^1\s+高新区\s+🟥红\s+0%/m);
    expect(answer).toMatch(/未设目标、未参与排名：经开区/);
  });
});
