import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { deployment } from '../helpers/districts.ts';

type Deployment = Awaited<ReturnType<typeof deployment>>;

/** What only district B holds: none of it may ever appear in an answer to district A. */
const SECRETS = [
  '乙方秘密集团',
  '秘密进展内容',
  '秘密土地问题',
  '秘密企业',
  '芯谷园区',
  '王秘密',
  'wangmimi',
];

/**
 * District B is the world the commands' own examples speak of (工业园区管委会, 李四, 张三, 铝产业,
 * 年产30万吨再生铝项目, T2023-001), filled with things only B knows; district A has nothing of it.
 * Every example of every command is then sent by A's member and A's admin.
 */
async function bWorld(): Promise<Deployment> {
  const d = await deployment({
    districts: [
      { id: 'gaoxin', admins: ['gx-admin'] },
      { id: 'jingkai', admins: ['jk-admin'] },
    ],
  });
  const b = (text: string, as = 'jk-admin') => d.say(text, { as });
  for (const text of [
    '添加单位 工业园区管委会 类型园区',
    '添加单位 经济信息委 类型部门',
    '添加单位 芯谷园区 类型园区',
    '添加成员 李四 账号lisi 单位工业园区管委会 角色成员',
    '添加成员 王秘密 账号wangmimi 单位芯谷园区 角色成员',
    '添加成员 张三 账号zhangsan 角色领导',
    '设置专班 铝产业 链长张三 牵头单位经济信息委 成员单位工业园区管委会',
    '设置目标 全区 2023年 报告目标 签约个数40',
    '设置目标 工业园区管委会 2023年 市级目标 合同额20亿 到位资金3亿',
  ])
    await b(text);
  await d.say('绑定本群 全区', { as: 'jk-admin', chat: 'jk-bound-group' });
  for (const text of [
    '登记签约 年产30万吨再生铝项目 合同额12亿 投资方乙方秘密集团 产业链铝产业 类型正式合同 日期2023-05-20',
    '进度 年产30万吨再生铝项目 秘密进展内容',
    '问题 年产30万吨再生铝项目 用地 秘密土地问题',
    '到位资金 年产30万吨再生铝项目 8000万 凭证银行回单',
    '外出招商 深圳 带队张三 对接企业秘密企业 日期6月12日',
    '登记在谈 再生铝项目 投资额8亿 投资方乙方秘密集团 产业链铝产业',
  ])
    await b(text, 'lisi');
  await b('发榜 引进一个年产10万吨以上再生铝项目');
  await b('上榜 工业园区管委会 理由引进再生铝龙头项目');
  const a = (text: string, as = 'gx-admin') => d.say(text, { as });
  await a('添加单位 高新一号园区 类型园区');
  await a('添加成员 赵六 账号zhaoliu 单位高新一号园区 角色成员');
  return d;
}

describe('every command of a district, sent by the other district’s people', () => {
  let d: Deployment;
  let before: { seq: number; projects: string; members: string; trips: string };
  const snapshot = () => {
    const b = d.storeOf('jingkai');
    return {
      seq: b.seq,
      projects: JSON.stringify(b.projects()),
      members: JSON.stringify(b.members()),
      trips: JSON.stringify(b.trips()),
    };
  };
  beforeAll(async () => {
    d = await bWorld();
    before = snapshot();
    const b = d.storeOf('jingkai');
    expect(b.projects().map((p) => [p.name, p.investor])).toEqual([
      ['年产30万吨再生铝项目', '乙方秘密集团'],
      ['再生铝项目', '乙方秘密集团'],
    ]);
    expect(b.trips()).toHaveLength(1);
    expect(b.binding('wecom', 'jk-bound-group')).not.toBeNull();
  });
  afterAll(async () => {
    await d.close();
  });

  const examples = commands.flatMap((spec) => spec.examples.map((text) => ({ id: spec.id, text })));
  for (const as of ['zhaoliu', 'gx-admin']) {
    it.each(examples)(`as ${as}: $id「$text」shows nothing of the other district`, async ({ text }) => {
      const answer = await d.say(text, { as });
      for (const secret of SECRETS) expect(answer, answer).not.toContain(secret);
      // in a group the other district bound, the same words are a stranger's
      const there = await d.say(text, { as, chat: 'jk-bound-group' });
      for (const secret of SECRETS) expect(there, there).not.toContain(secret);
    });
  }

  it('leaves the other district exactly as it was', () => {
    expect(snapshot()).toEqual(before);
  });
});
