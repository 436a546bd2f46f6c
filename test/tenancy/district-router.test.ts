import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CITY_ONLY, cityCommands } from '../../commands/city/index.ts';
import { deployment, staffBoth } from '../helpers/districts.ts';

type Deployment = Awaited<ReturnType<typeof deployment>>;

/** Two districts that chose the same unit names and registered a project of the same name. */
async function twoDistricts(): Promise<Deployment> {
  const d = await deployment({
    districts: [
      { id: 'gaoxin', admins: ['gx-admin'] },
      { id: 'jingkai', admins: ['jk-admin'] },
    ],
  });
  await staffBoth(d);
  await d.say('登记签约 新能源电池项目 合同额5亿 投资方甲集团 类型正式合同 日期2023-05-20', { as: 'lisi' });
  await d.say('登记签约 新能源电池项目 合同额8亿 投资方乙集团 类型正式合同 日期2023-05-21', { as: 'wangwu' });
  await d.say('登记签约 半导体封装项目 合同额3亿 投资方丙集团 类型正式合同 日期2023-06-02', { as: 'wangwu' });
  return d;
}

describe('a deployment of several districts', () => {
  let d: Deployment;
  beforeEach(async () => {
    d = await twoDistricts();
  });
  afterEach(async () => {
    await d.close();
  });

  it("stores each member's report in their own district only", () => {
    const names = (id: string) =>
      d
        .storeOf(id)
        .projects()
        .map((p) => `${p.name} ${p.investor}`);
    expect(names('gaoxin')).toEqual(['新能源电池项目 甲集团']);
    expect(names('jingkai')).toEqual(['新能源电池项目 乙集团', '半导体封装项目 丙集团']);
  });

  it("answers a question about another district's project exactly as about a project nobody registered", async () => {
    const other = await d.say('半导体封装项目进展如何', { as: 'lisi' });
    const none = await d.say('量子计算机项目进展如何', { as: 'lisi' });
    expect(other).not.toMatch(/丙集团|3亿|王五/);
    expect(other).toBe(none.replaceAll('量子计算机', '半导体封装'));
  });

  it('shows a member the project of their own district when both districts use the same name and 编号', async () => {
    const byName = await d.say('新能源电池项目进展如何', { as: 'lisi' });
    expect(byName).toMatch(/甲集团/);
    expect(byName).not.toMatch(/乙集团/);
    const id = d.storeOf('gaoxin').projects()[0]?.id as string;
    expect(d.storeOf('jingkai').projects()[0]?.id).toBe(id);
    expect(await d.say(`${id}进展如何`, { as: 'wangwu' })).toMatch(/乙集团/);
  });

  it("totals and ranks a district's own projects only", async () => {
    expect(await d.say('全区进度', { as: 'gx-admin' })).toMatch(/5(\.0+)?亿/);
    const jingkai = await d.say('全区进度', { as: 'jk-admin' });
    expect(jingkai).toMatch(/11(\.0+)?亿/);
    expect(jingkai).not.toMatch(/13(\.0+)?亿/);
  });

  it("refuses a member's change to another district's project as if it did not exist, and writes nothing", async () => {
    const before = d.storeOf('jingkai').seq;
    const refusal = await d.say('进度 半导体封装项目 已完成土地摘牌', { as: 'lisi' });
    expect(refusal).toMatch(/没有找到|不存在|找不到/);
    expect(refusal).not.toMatch(/丙集团|工业园区/);
    expect(d.storeOf('jingkai').seq).toBe(before);
  });

  it('answers a member of one district in a group bound by another exactly as it answers a stranger there', async () => {
    await d.say('绑定本群 全区', { as: 'jk-admin', chat: 'jk-group' });
    const before = d.storeOf('gaoxin').seq + d.storeOf('jingkai').seq;
    for (const text of ['全区进度', '本月晾晒', '新能源电池项目进展如何', '进度 新能源电池项目 已开工']) {
      const member = await d.say(text, { as: 'lisi', chat: 'jk-group' });
      const stranger = await d.say(text, { as: 'nobody', chat: 'jk-group' });
      expect(member).toBe(stranger.replaceAll('nobody', 'lisi'));
      expect(member).not.toMatch(/亿|乙集团|甲集团/);
    }
    expect(d.storeOf('gaoxin').seq + d.storeOf('jingkai').seq).toBe(before);
  });

  it("lets no admin take over another district's group", async () => {
    await d.say('绑定本群 全区', { as: 'jk-admin', chat: 'jk-group' });
    const refusal = await d.say('绑定本群 全区', { as: 'gx-admin', chat: 'jk-group' });
    expect(refusal).toBe(
      (await d.say('绑定本群 全区', { as: 'nobody', chat: 'jk-group' })).replaceAll('nobody', 'gx-admin'),
    );
    expect(d.storeOf('gaoxin').bindings()).toEqual([]);
    expect(d.storeOf('jingkai').binding('wecom', 'jk-group')?.scope).toEqual({ kind: 'district' });
  });

  it('refuses to add a member of another district, in words that name no district, and writes nothing', async () => {
    const before = d.storeOf('gaoxin').seq;
    const refusal = await d.say('添加成员 王五 账号wangwu 单位工业园区管委会 角色成员', { as: 'gx-admin' });
    expect(refusal).toMatch(/一个成员只能属于一个区/);
    expect(refusal).not.toMatch(/jingkai|经开/);
    expect(d.storeOf('gaoxin').seq).toBe(before);
    expect(d.storeOf('gaoxin').memberByAccount('wangwu')).toBeNull();
  });

  it("refuses to add another district's configured admin as a member", async () => {
    const refusal = await d.say('添加成员 经开管理员 账号jk-admin 角色管理员', { as: 'gx-admin' });
    expect(refusal).toMatch(/一个成员只能属于一个区/);
    expect(d.storeOf('gaoxin').memberByAccount('jk-admin')).toBeNull();
  });

  it('lets a member removed in one district join another, and refuses bringing them back in the first', async () => {
    await d.say('删除成员 王五', { as: 'jk-admin' });
    expect(await d.say('添加成员 王五 账号wangwu 单位工业园区管委会 角色成员', { as: 'gx-admin' })).toMatch(
      /已添加成员/,
    );
    expect(await d.say('新能源电池项目进展如何', { as: 'wangwu' })).toMatch(/甲集团/);
    expect(await d.say('启用成员 王五', { as: 'jk-admin' })).toMatch(/一个成员只能属于一个区/);
  });

  it('answers a repeated platform message from the district that stored it, once', async () => {
    const first = await d.say('进度 新能源电池项目 已完成土地摘牌', { as: 'lisi', id: 'same-id' });
    const again = await d.say('进度 新能源电池项目 已完成土地摘牌', { as: 'lisi', id: 'same-id' });
    expect(first).toMatch(/已记录|进展/);
    expect(again).toBe(first);
    const notes = d.storeOf('gaoxin').projects()[0]?.notes ?? [];
    expect(notes).toHaveLength(1);
  });
});

describe('the city beside its districts', () => {
  let d: Deployment;
  beforeEach(async () => {
    d = await deployment({
      districts: [
        { id: 'gaoxin', name: '高新区', admins: ['gx-admin'] },
        { id: 'jingkai', name: '经开区', admins: ['jk-admin'] },
      ],
      city: {
        admins: ['mayor'],
        specs: (ledgers) => cityCommands(() => ledgers),
        only: CITY_ONLY,
      },
    });
    await staffBoth(d);
    await d.say('登记签约 新能源电池项目 合同额5亿 投资方甲集团 类型正式合同 日期2023-05-20', { as: 'lisi' });
    await d.say('登记签约 储能电站项目 合同额8亿 投资方乙集团 类型正式合同 日期2023-05-21', { as: 'wangwu' });
    await d.say('设置目标 高新区 2023年 市级目标 签约个数2 合同额10亿', { as: 'mayor' });
    await d.say('设置目标 经开区 2023年 市级目标 签约个数2 合同额10亿', { as: 'mayor' });
  });
  afterEach(async () => {
    await d.close();
  });

  it("ranks the districts for a city admin from each district's own ledger", async () => {
    const ranking = await d.say('区县晾晒', { as: 'mayor' });
    expect(ranking).toMatch(/🏅红榜：经开区（140%）、高新区（100%）/);
    expect(ranking).toMatch(/1 +经开区 +🟩绿 +140% +完成8亿元／应达5亿元（160%）/);
    expect(d.storeOf('city').targets()).toHaveLength(4);
    expect(d.storeOf('gaoxin').targets()).toEqual([]);
  });

  it("answers a city admin's city command in a district's group from the city, and the district's as a stranger's", async () => {
    await d.say('绑定本群 全区', { as: 'gx-admin', chat: 'gx-group' });
    expect(await d.say('区县晾晒', { as: 'mayor', chat: 'gx-group' })).toMatch(/红榜：经开区/);
    const district = await d.say('全区进度', { as: 'mayor', chat: 'gx-group' });
    const stranger = await d.say('全区进度', { as: 'nobody', chat: 'gx-group' });
    expect(district).toBe(stranger.replaceAll('nobody', 'mayor'));
    expect(await d.say('全区进度', { as: 'gx-admin', chat: 'gx-group' })).toMatch(/5(\.0+)?亿/);
  });

  it("lets no district take a city admin's account as a member", async () => {
    expect(await d.say('添加成员 市长 账号mayor 角色管理员', { as: 'gx-admin' })).toMatch(
      /一个成员只能属于一个区/,
    );
    expect(d.storeOf('gaoxin').memberByAccount('mayor')).toBeNull();
    expect(await d.say('设置目标 经开区 2023年 市级目标 签约个数99', { as: 'mayor' })).toMatch(/已设置/);
    expect(d.storeOf('gaoxin').targets()).toEqual([]);
  });

  it('gives nobody but a city admin the city, wherever they ask', async () => {
    for (const as of ['lisi', 'jk-admin', 'nobody']) {
      expect(await d.say('区县晾晒', { as }), as).not.toMatch(/经开区|高新区/);
      expect(await d.say('全市上半年总结', { as }), as).not.toMatch(/经开区|高新区|13(\.0+)?亿/);
    }
    expect(await d.say('设置目标 高新区 2023年 市级目标 签约个数99', { as: 'jk-admin' })).not.toMatch(
      /已设置/,
    );
    expect(
      d
        .storeOf('city')
        .targets()
        .some((t) => t.value === 99),
    ).toBe(false);
  });

  it('sums the districts in the city’s half-year summary', async () => {
    const summary = await d.say('全市上半年总结', { as: 'mayor' });
    expect(summary).toMatch(/全市签订正式合同2个；正式合同额13亿元/);
    expect(summary).toMatch(/高新区 +1个（50%） +5亿元（38\.5%）/);
  });
});

describe('an account two districts would both hold', () => {
  let d: Deployment;
  beforeEach(async () => {
    d = await twoDistricts();
  });
  afterEach(async () => {
    await d.close();
  });

  it('cannot be given back to the district that let it go by undoing the 删除成员, and nothing is written', async () => {
    await d.say('删除成员 王五', { as: 'jk-admin' });
    expect(await d.say('添加成员 王五 账号wangwu 单位工业园区管委会 角色成员', { as: 'gx-admin' })).toMatch(
      /已添加成员/,
    );
    const before = d.storeOf('jingkai').seq;
    expect(await d.say('撤销', { as: 'jk-admin' })).toMatch(/一个成员只能属于一个区/);
    expect(d.storeOf('jingkai').seq).toBe(before);
    expect(await d.say('新能源电池项目进展如何', { as: 'wangwu' })).toMatch(/甲集团/);
  });

  it('refuses an account written with look-alike or invisible characters, and writes nothing', async () => {
    for (const account of ['wangwu\u200b', 'wang wu', '王五'])
      expect(
        await d.say(`添加成员 王五 账号${account} 单位工业园区管委会 角色成员`, { as: 'gx-admin' }),
      ).toMatch(/账号只能由字母、数字和 _ - \. @ 组成/);
    expect(
      d
        .storeOf('gaoxin')
        .members()
        .map((m) => m.account),
    ).toEqual(['lisi']);
  });

  it('treats a group both districts bound (a race between instances) as nobody’s', async () => {
    const meta = { actor: 'x-admin', command: 'bind-chat', at: new Date(), messageKey: null, text: null };
    for (const id of ['gaoxin', 'jingkai'])
      d.storeOf(id).bindChat(meta, { platform: 'wecom', chatId: 'both', scope: { kind: 'district' } });
    for (const as of ['lisi', 'wangwu', 'gx-admin']) {
      const there = await d.say('全区进度', { as, chat: 'both' });
      const stranger = await d.say('全区进度', { as: 'nobody', chat: 'both' });
      expect(there).toBe(stranger.replaceAll('nobody', as));
    }
    expect(d.router.boundElsewhere('wecom', 'both', 'gaoxin')).toBe(true);
  });

  it('is a stranger to both when a race between instances left it active in both', async () => {
    // what two instances writing at the same moment could leave behind: the check is in memory
    d.storeOf('gaoxin').upsertMember(
      { actor: 'gx-admin', command: 'add-member', at: new Date(), messageKey: null, text: null },
      {
        name: '王五',
        account: 'wangwu',
        unitId: d.storeOf('gaoxin').unitByName('工业园区管委会')?.id ?? null,
        role: 'member',
      },
    );
    const stranger = await d.say('全区进度', { as: 'nobody' });
    expect(await d.say('全区进度', { as: 'wangwu' })).toBe(stranger.replaceAll('nobody', 'wangwu'));
    await d.say('绑定本群 全区', { as: 'jk-admin', chat: 'jk-group' });
    const there = await d.say('全区进度', { as: 'nobody', chat: 'jk-group' });
    expect(await d.say('全区进度', { as: 'wangwu', chat: 'jk-group' })).toBe(
      there.replaceAll('nobody', 'wangwu'),
    );
    // an admin settles it: removed from one, the other has the member back
    await d.say('删除成员 王五', { as: 'gx-admin' });
    expect(await d.say('全区进度', { as: 'wangwu' })).toMatch(/11(\.0+)?亿/);
  });
});
