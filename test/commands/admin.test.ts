import { describe, expect, it } from 'vitest';
import { smallDistrict } from '../helpers/conversation.ts';

describe('the bureau manages units, members, targets and groups', () => {
  it('adds a unit once', async () => {
    const { say, store } = await smallDistrict();
    expect(await say('添加单位 武陵山驻外招商组 驻外')).toMatch(/已添加单位：武陵山驻外招商组（驻外招商组）/);
    expect(await say('添加单位 武陵山驻外招商组 驻外')).toMatch(/已存在/);
    expect(await say('添加单位 某某 类型菜市场')).toMatch(/单位类型「菜市场」不在可选范围内/);
    expect(store.units()).toHaveLength(3);
  });

  it('adds a member and updates the same account in place', async () => {
    const { say, store } = await smallDistrict();
    expect(await say('添加成员 赵七 账号zhaoqi 单位经济信息委')).toMatch(/已添加成员：赵七[\s\S]*角色 成员/);
    expect(await say('添加成员 赵七 账号zhaoqi 单位工业园区管委会 角色管理员')).toMatch(/已更新成员：赵七/);
    expect(store.memberByAccount('zhaoqi')).toMatchObject({
      role: 'admin',
      unitId: store.unitByName('工业园区管委会')?.id,
    });
    expect(await say('添加成员 孙八 账号sunba 单位不存在的局')).toMatch(/没有单位「不存在的局」/);
    expect(await say('添加成员 孙八 账号sunba')).toMatch(/成员请写「单位…」/);
  });

  it('sets targets in named tiers for any scope', async () => {
    const { say, store } = await smallDistrict();
    expect(await say('设置目标 全区 2023年 报告目标 签约个数40')).toMatch(
      /已设置 全区 2023年「报告目标」\n签订正式合同个数：40/,
    );
    expect(await say('设置目标 工业园区管委会 2023年 市级目标 合同额20亿 到位资金3亿')).toMatch(
      /正式合同额：20亿元\n到位资金：3亿元/,
    );
    expect(await say('设置目标 专班铝产业 2023 M0 合同额二十亿 开工率40%')).toMatch(
      /近三年签约项目开工率：40%/,
    );
    expect(store.targets()).toHaveLength(5);
    // the same tier again replaces the value, it does not add a second target
    await say('设置目标 全区 2023年 报告目标 签约个数42');
    expect(store.targets((t) => t.scope.kind === 'district')).toEqual([
      expect.objectContaining({ value: 42 }),
    ]);
    expect(await say('设置目标 全区 2023年 报告目标')).toMatch(/没有写任何指标/);
    expect(await say('设置目标 火星 2023年 报告目标 签约个数1')).toMatch(/看不懂范围「火星」/);
  });

  it('binds a group chat to a scope, and only in a group', async () => {
    const { say, store } = await smallDistrict();
    expect(await say('绑定本群 全区')).toMatch(/只能在群里使用/);
    expect(await say('绑定本群 专班铝产业', { chat: 'chat-1' })).toMatch(/本群已绑定：铝产业专班/);
    expect(await say('绑定本群 单位工业园区管委会', { chat: 'chat-2' })).toMatch(
      /本群已绑定：工业园区管委会/,
    );
    expect(store.binding('test', 'chat-1')?.scope).toEqual({ kind: 'chain', chain: '铝产业' });
  });

  it('shows the chat id the operator copies into the robot settings', async () => {
    const { say } = await smallDistrict();
    const wecom = await say('绑定本群 全区', { chat: 'wrkSFfCgAAabc', platform: 'wecom' });
    expect(wecom).toMatch(/本群 ID：wrkSFfCgAAabc（企业微信）/);
    expect(wecom).toMatch(/WECOM_WEBHOOK_KEYS=wrkSFfCgAAabc=群机器人key/);
    const dingtalk = await say('绑定本群 全区', { chat: 'cidXyz==', platform: 'dingtalk' });
    expect(dingtalk).toMatch(/本群 ID：cidXyz==（钉钉会话 ID）/);
    expect(dingtalk).toMatch(/DINGTALK_ROBOT_WEBHOOKS=cidXyz==@access_token@加签密钥/);
  });

  it('edits a project and shows what changed', async () => {
    const { say, store } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额12亿 正式合同 日期2023-05-20', { as: 'lisi' });
    const answer = await say('修改 P2023-001 合同额13亿 负责人李四 开工期限2024-06-30');
    expect(answer).toMatch(/负责人：（空） → 李四/);
    expect(answer).toMatch(
      /签约信息：正式合同 2023-05-20 12亿元 开工期限2024-03-31 → 正式合同 2023-05-20 13亿元 开工期限2024-06-30/,
    );
    expect(store.project('P2023-001')?.signing).toMatchObject({
      amountWan: 130_000,
      startDeadline: '2024-06-30',
    });
    expect(await say('修改 P2023-001 责任单位经济信息委')).toMatch(/责任单位：工业园区管委会 → 经济信息委/);
    expect(await say('修改 P2023-001')).toMatch(/没有要修改的内容/);
  });

  it('posts challenges, takes claims by unit or person, and names the honoured', async () => {
    const { say, store } = await smallDistrict();
    expect(await say('发榜 引进一个年产10万吨以上再生铝项目')).toMatch(/已发榜：第 1 号[\s\S]*揭榜 1/);
    expect(await say('揭榜 1', { as: 'lisi' })).toMatch(/工业园区管委会 已揭榜第 1 号/);
    expect(await say('揭榜 1 个人', { as: 'lisi' })).toMatch(/李四 已揭榜第 1 号/);
    expect(await say('揭榜 1', { as: 'lisi' })).toMatch(/已经揭过第 1 号榜/);
    expect(await say('揭榜 9', { as: 'lisi' })).toMatch(/没有第 9 号榜/);
    expect(await say('上榜 工业园区管委会 理由引进再生铝龙头项目')).toMatch(
      /2023年招商英雄榜：工业园区管委会（单位）上榜/,
    );
    expect(store.challenges()[0]?.claims.map((c) => c.claimant)).toEqual(['工业园区管委会', '李四']);
    expect(store.honours()[0]).toMatchObject({ kind: 'unit', year: 2023 });
  });
});

describe('help and the unexpected', () => {
  it('shows each person only the commands they may use', async () => {
    const { say } = await smallDistrict();
    const member = await say('帮助', { as: 'lisi' });
    expect(member).toMatch(/登记签约/);
    expect(member).not.toMatch(/添加单位/);
    expect(await say('帮助')).toMatch(/【管理】[\s\S]*添加单位/);
  });

  it('explains one command with its synonyms', async () => {
    const { say } = await smallDistrict();
    const answer = await say('帮助 登记签约', { as: 'lisi' });
    expect(answer).toMatch(/写法：登记签约 项目名称 合同额12亿 类型正式合同/);
    expect(answer).toMatch(/也可以说：签约登记、新签约/);
  });

  it('says what it did not understand and suggests a command', async () => {
    const { say, store } = await smallDistrict();
    const before = store.seq;
    const answer = await say('登记看的 X', { as: 'lisi' });
    expect(answer).toMatch(/没看懂「登记看的 X」/);
    expect(answer).toMatch(/您是不是想用：.*登记/);
    expect(store.seq).toBe(before);
    expect(await say('  @赛马助手  ', { as: 'lisi' })).toMatch(/消息是空的/);
  });

  it('lists my projects', async () => {
    const { say } = await smallDistrict();
    expect(await say('我的项目', { as: 'lisi' })).toMatch(/还没有项目/);
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    expect(await say('我的项目', { as: 'lisi' })).toMatch(
      /您名下的项目（1 个）[\s\S]*P2023-001\s+再生铝项目\s+签约/,
    );
  });
});
