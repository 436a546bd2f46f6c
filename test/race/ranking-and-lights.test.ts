import { describe, expect, it } from 'vitest';
import { fiveColourSvg } from '../../src/picture/five-colour-chart.ts';
import { pushContent } from '../../src/push/push-content.ts';
import { lightReason, projectLight } from '../../src/race/lights.ts';
import { raceView } from '../../src/race/race-context.ts';
import { rankUnits } from '../../src/race/ranking.ts';
import { readSettings } from '../../src/race/settings.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import type { Project } from '../../storage/schema.ts';
import { conversation } from '../helpers/conversation.ts';

/** Five units, each with a 市级目标 of 12 formal contracts; by June (序时 50%) 6 are due. */
async function fiveUnits() {
  const c = await conversation({ now: '2023-06-30T10:00:00+08:00' });
  const names = ['甲单位', '乙单位', '丙单位', '丁单位', '戊单位'];
  for (const [i, name] of names.entries()) {
    await c.say(`添加单位 ${name} 部门`);
    await c.say(`添加成员 成员${i} 账号m${i} 单位${name}`);
    await c.say(`设置目标 ${name} 2023年 市级目标 签约个数12`);
  }
  return c;
}

async function sign(
  c: Awaited<ReturnType<typeof fiveUnits>>,
  member: number,
  count: number,
  date = '2023-03-01',
) {
  for (let i = 0; i < count; i++) {
    await c.say(`登记签约 项目${member}-${i} 合同额1亿 正式合同 日期${date}`, { as: `m${member}` });
  }
}

describe('the unit ranking', () => {
  it('colours the band edges exactly: r = 100%, 90%, 70%, 50% and below', async () => {
    const c = await fiveUnits();
    // 序时 target is 6 by June: 6 → 100%, … ; with targets of 12 the edges need fractional counts,
    // so give 甲…戊 annual targets that put the edges exactly on integers.
    await c.say('设置目标 乙单位 2023年 市级目标 签约个数20'); // 10 due → 9 = 90%
    await c.say('设置目标 丙单位 2023年 市级目标 签约个数20'); // 10 due → 7 = 70%
    await c.say('设置目标 丁单位 2023年 市级目标 签约个数20'); // 10 due → 5 = 50%
    await c.say('设置目标 戊单位 2023年 市级目标 签约个数20'); // 10 due → 4 = 40%
    await sign(c, 0, 6);
    await sign(c, 1, 9);
    await sign(c, 2, 7);
    await sign(c, 3, 5);
    await sign(c, 4, 4);
    const ranking = rankUnits(c.store, '2023-06-30', readSettings(c.store));
    expect(ranking.elapsed).toBe(0.5);
    expect(ranking.standings.map((s) => [s.unit.name, s.rank, s.score, s.colour])).toEqual([
      ['甲单位', 1, 1, 'green'],
      ['乙单位', 2, 0.9, 'blue'],
      ['丙单位', 3, 0.7, 'yellow'],
      ['丁单位', 4, 0.5, 'orange'],
      ['戊单位', 5, 0.4, 'red'],
    ]);
    expect(ranking.honour.map((s) => s.unit.name)).toEqual(['甲单位']);
    expect(ranking.shame.map((s) => s.unit.name)).toEqual(['戊单位', '丁单位', '丙单位']);
  });

  it('weights the indicators (default 合同额 40, 签约个数 20, 开工 20, 到位资金 20)', async () => {
    const c = await fiveUnits();
    await c.say('设置目标 甲单位 2023年 市级目标 合同额20亿'); // 10亿 due
    await sign(c, 0, 3); // 3 of 6 contracts → r 0.5; 3亿 of 10亿 → r 0.3
    const s = rankUnits(c.store, '2023-06-30', readSettings(c.store)).standings.find(
      (x) => x.unit.name === '甲单位',
    );
    expect(s?.score).toBeCloseTo((20 * 0.5 + 40 * 0.3) / 60, 12);
    expect(s?.colour).toBe('red');
  });

  it('ranks on the configured tier, and leaves units without targets unranked', async () => {
    const c = await fiveUnits();
    await c.say('添加单位 己单位 部门');
    await c.say('设置目标 甲单位 2023年 M0 签约个数24');
    await sign(c, 0, 6);
    let s = rankUnits(c.store, '2023-06-30', readSettings(c.store)).standings;
    expect(s.find((x) => x.unit.name === '甲单位')?.score).toBe(1);
    expect(s.find((x) => x.unit.name === '己单位')).toMatchObject({ rank: null, score: null });
    await c.say('设置 排名目标档 M0');
    s = rankUnits(c.store, '2023-06-30', readSettings(c.store)).standings;
    expect(s.find((x) => x.unit.name === '甲单位')?.score).toBe(0.5);
  });

  it('gives units with exactly equal scores one rank (1, 1, 3) in chat, pushes and the picture', async () => {
    const c = await fiveUnits();
    // 甲: 0 of 1 contracts and 5 of 3 starts; 乙: 1 of 1 and 2 of 3. Both score (0 + 5/3) ÷ 2 = (1 + 2/3) ÷ 2
    // exactly, yet summed in floating point one is 1.6666666666666667 and the other 1.6666666666666665.
    for (const [m, unit] of [
      [0, '甲单位'],
      [1, '乙单位'],
    ] as const) {
      await c.say(`设置目标 ${unit} 2023年 市级目标 签约个数1 开工3`);
      const starts = m === 0 ? 5 : 2;
      for (let i = 0; i < starts; i++) {
        await c.say(`登记签约 早年签约${m}号${i} 合同额1亿 正式合同 日期2022-05-01`, { as: `m${m}` });
        await c.say(`登记开工 早年签约${m}号${i} 类型建安类 日期2023-03-01`, { as: `m${m}` });
      }
    }
    await sign(c, 1, 1);
    const ranking = rankUnits(c.store, '2023-06-30', readSettings(c.store));
    const rankOf = (name: string) => ranking.standings.find((s) => s.unit.name === name)?.rank;
    expect([rankOf('甲单位'), rankOf('乙单位'), rankOf('丙单位'), rankOf('丁单位')]).toEqual([1, 1, 3, 3]);
    const table = await c.say('本月晾晒');
    expect(table).toMatch(/^1 +甲单位/m);
    expect(table).toMatch(/^1 +乙单位/m);
    expect(table).toMatch(/^3 +丙单位/m);
    c.setNow('2023-07-01T09:00:00+08:00');
    const pushed = pushContent('quarterly', raceView(c.store, new Date('2023-07-01T09:00:00+08:00')), {
      kind: 'district',
    }).replies.map(renderPlainText);
    expect(pushed.join('\n')).toMatch(/^1 +乙单位/m);
    expect(pushed.join('\n')).toMatch(/^1 +甲单位/m);
    const svg = fiveColourSvg(ranking, '五色图', readSettings(c.store));
    expect(svg).toContain('1. 甲单位');
    expect(svg).toContain('1. 乙单位');
    expect(svg).toContain('3. 丙单位');
  });

  it('uses the first day of a quarter as a full month of 序时进度', async () => {
    const c = await fiveUnits();
    await sign(c, 0, 4);
    const april1 = rankUnits(c.store, '2023-04-01', readSettings(c.store));
    expect(april1.elapsed).toBe(4 / 12);
    expect(april1.standings[0]?.score).toBe(1); // 4 of 12 × 4/12 = 4
    await c.say('设置 序时方式 按天');
    expect(rankUnits(c.store, '2023-04-01', readSettings(c.store)).elapsed).toBe(91 / 365);
  });
});

function project(over: Partial<Project>): Project {
  return {
    id: 'P2023-001',
    name: '甲',
    investor: null,
    chain: null,
    unitId: 'U001',
    leaderName: null,
    ownerName: null,
    investmentWan: null,
    major: false,
    stage: '在谈',
    stageHistory: [],
    negotiationSince: null,
    signing: null,
    start: null,
    termination: null,
    instalments: [],
    notes: [],
    problems: [],
    createdAt: '2023-01-01T09:00:00.000+08:00',
    createdBy: 'lisi',
    updatedAt: '2023-01-01T09:00:00.000+08:00',
    ...over,
  };
}

describe('project lights', () => {
  const settings = (async () => readSettings((await conversation()).store))();

  it('turns 在谈 yellow at two thirds of three months and red past them', async () => {
    const s = await settings;
    const p = project({
      negotiationSince: '2023-01-01',
      stageHistory: [{ stage: '在谈', date: '2023-01-01' }],
    });
    const notes = (date: string) => [{ at: `${date}T09:00:00+08:00`, date, text: '在谈', by: 'x' }];
    expect(projectLight({ ...p, notes: notes('2023-02-28') }, '2023-02-28', s).light).toBe('green'); // 58 of 90 days
    expect(projectLight({ ...p, notes: notes('2023-03-01') }, '2023-03-01', s).light).toBe('green'); // 59 days: 177 < 180
    expect(projectLight({ ...p, notes: notes('2023-03-02') }, '2023-03-02', s).light).toBe('yellow'); // 60 days
    expect(projectLight({ ...p, notes: notes('2023-04-01') }, '2023-04-01', s).light).toBe('yellow'); // deadline day
    expect(projectLight({ ...p, notes: notes('2023-04-02') }, '2023-04-02', s)).toMatchObject({
      light: 'red',
      deadline: '2023-04-01',
    });
  });

  it('gives major projects six months', async () => {
    const s = await settings;
    const p = project({ negotiationSince: '2023-01-01', investmentWan: 100_000, notes: [] });
    expect(projectLight({ ...p, createdAt: '2023-04-02T00:00:00+08:00' }, '2023-04-02', s).deadline).toBe(
      '2023-07-01',
    );
  });

  it('turns 签约 yellow 30 days before the agreed start deadline and red after it', async () => {
    const s = await settings;
    const p = project({
      stage: '签约',
      signing: { type: '正式合同', date: '2023-05-20', amountWan: 1, startDeadline: '2024-03-31' },
      createdAt: '2024-03-31T00:00:00+08:00',
    });
    expect(projectLight(p, '2024-02-29', s).light).toBe('green'); // 31 days left
    expect(projectLight(p, '2024-03-01', s).light).toBe('yellow'); // 30 days left
    expect(projectLight(p, '2024-04-01', s).reasons.map(lightReason)).toContain(
      '已超过约定开工期限 1 天（2024-03-31）',
    );
  });

  it('reminds after 30 days without news on an active project', async () => {
    const s = await settings;
    const p = project({ stage: '开工', stageHistory: [{ stage: '开工', date: '2023-03-01' }] });
    expect(projectLight(p, '2023-03-30', s).light).toBe('green');
    expect(projectLight(p, '2023-03-31', s).reasons).toEqual([{ kind: 'quiet', days: 30 }]);
  });
});
