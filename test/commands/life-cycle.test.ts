import { describe, expect, it } from 'vitest';
import { pushContent } from '../../src/push/push-content.ts';
import { raceView } from '../../src/race/race-context.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { conversation, smallDistrict } from '../helpers/conversation.ts';

const lisi = { as: 'lisi' };

describe('停用成员 and 启用成员', () => {
  it('treats a deactivated member as a stranger, keeps their projects in their name, and lets them back', async () => {
    const { say, store } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01 负责人李四', lisi);
    const stranger = await say('帮助', { as: 'lisi-new' });
    expect(await say('停用成员 lisi')).toMatch(/已停用成员：李四（账号 lisi）[\s\S]*启用成员 lisi/);
    const before = store.seq;
    const answer = await say('进度 再生铝项目 已进场', lisi);
    expect(answer).toBe(stranger.replaceAll('lisi-new', 'lisi'));
    expect(store.seq).toBe(before);
    expect(await say('查询 P2023-001', { as: 'zhangsan' })).toMatch(/负责人：李四/);
    expect(await say('我的项目', lisi)).toMatch(/还不认识您/);
    expect(await say('启用成员 李四')).toMatch(
      /已启用成员：李四（账号 lisi）\n单位 工业园区管委会　角色 成员/,
    );
    expect(await say('我的项目', lisi)).toMatch(/P2023-001/);
  });

  it('no longer counts a deactivated member among those who did not report', async () => {
    const { say, store } = await smallDistrict();
    await say('添加成员 赵七 账号zhaoqi 单位工业园区管委会 角色成员');
    const park = { kind: 'unit', unitId: store.unitByName('工业园区管委会')?.id as string } as const;
    const silent = () =>
      renderPlainText(
        pushContent('halfMonth', raceView(store, new Date('2023-06-30T10:00:00+08:00')), park)
          .replies[0] as never,
      );
    expect(silent()).toMatch(/半个月未报进展：李四、赵七/);
    await say('停用成员 赵七');
    expect(silent()).toMatch(/半个月未报进展：李四\n?$/);
  });

  it('refuses SAIMA_ADMINS, oneself, strangers and members, writing nothing', async () => {
    const { say, store } = await conversation({ admins: ['admin', 'boss'] });
    await say('添加单位 工业园区管委会 类型园区');
    await say('添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
    await say('添加成员 老板 账号boss 角色管理员');
    await say('添加成员 主任 账号chief 角色管理员');
    const before = store.seq;
    expect(await say('停用成员 老板', { as: 'chief' })).toMatch(
      /「老板」是服务器设置 SAIMA_ADMINS 中的管理员，不能在聊天中停用。请运维人员修改 SAIMA_ADMINS/,
    );
    expect(await say('删除成员 admin', { as: 'chief' })).toMatch(/SAIMA_ADMINS 中的管理员，不能在聊天中删除/);
    expect(await say('停用成员 chief', { as: 'chief' })).toMatch(/不能停用您自己/);
    expect(await say('停用成员 无名氏')).toMatch(/没有账号或姓名为「无名氏」的成员/);
    expect(await say('停用成员 主任', lisi)).toMatch(/「停用成员」需要管理员权限/);
    expect(await say('停用成员')).toMatch(/缺少「账号或姓名」[\s\S]*停用成员 账号或姓名/);
    expect(await say('启用成员 李四')).toMatch(/成员「李四」没有被停用，无需启用/);
    expect(store.seq).toBe(before);
    expect(await say('停用成员 主任', { as: 'boss' })).toMatch(/已停用成员：主任/);
    expect(await say('帮助', { as: 'chief' })).toMatch(/还不认识您（账号 chief）/);
  });
});

describe('删除成员', () => {
  it('takes a member off the roster, keeps their history, and asks for new owners of their projects', async () => {
    const { say, store } = await smallDistrict();
    await say('登记签约 预制菜项目 合同额1亿 正式合同 日期2023-06-01 负责人王五', { as: 'wangwu' });
    await say('进度 预制菜项目 已进场', { as: 'wangwu' });
    const answer = await say('删除成员 王五');
    expect(answer).toMatch(/已删除成员：王五（账号 wangwu）/);
    expect(answer).toMatch(/TA 负责的项目 1 个[\s\S]*修改 P2023-001 负责人新负责人姓名　（预制菜项目）/);
    expect(await say('帮助', { as: 'wangwu' })).toMatch(/还不认识您（账号 wangwu）/);
    const card = await say('查询 预制菜项目', { as: 'zhangsan' });
    expect(card).toMatch(/负责人：王五（负责人已删除，请指定新负责人）/);
    expect(card).toMatch(/进展 2023-06-30：已进场/);
    expect(await say('签约未开工', { as: 'zhangsan' })).toMatch(/王五（已删除）/);
    expect(store.memberByAccount('wangwu')).toMatchObject({
      name: '王五',
      status: 'removed',
      statusBy: 'admin',
    });

    expect(await say('撤销')).toMatch(/已撤销：删除成员 王五（wangwu）/);
    expect(await say('帮助', { as: 'wangwu' })).toMatch(/王五）可以用这些命令/);
    await say('删除成员 wangwu');
    expect(await say('添加成员 王五 账号wangwu2 单位经济信息委')).toMatch(/已添加成员：王五/);
    expect(await say('查询 预制菜项目', { as: 'zhangsan' })).toMatch(/负责人：王五\n/);
  });
});

describe('修改单位', () => {
  it('renames a unit and changes its type, keeping every link', async () => {
    const { say, store } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', lisi);
    await say('绑定本群 单位工业园区管委会', { chat: 'park-group' });
    const answer = await say('修改单位 工业园区管委会 名称高新区管委会 类型部门');
    expect(answer).toMatch(
      /已修改单位：高新区管委会\n名称：工业园区管委会 → 高新区管委会\n类型：园区 → 部门/,
    );
    expect(await say('查询 再生铝项目', lisi)).toMatch(/责任单位：高新区管委会/);
    expect(await say('进度 再生铝项目 已进场', lisi)).toMatch(/已记录进展/);
    expect(await say('单位进度 高新区管委会', lisi)).toMatch(/高新区管委会进度/);
    const unit = store.unitByName('高新区管委会');
    expect(store.binding('test', 'park-group')?.scope).toEqual({ kind: 'unit', unitId: unit?.id });
    expect(store.memberByAccount('lisi')?.unitId).toBe(unit?.id);
  });

  it('keeps names unique and answers bad input with the right form, writing nothing', async () => {
    const { say, store } = await smallDistrict();
    const before = store.seq;
    expect(await say('修改单位 工业园区管委会 名称经济信息委')).toMatch(/单位「经济信息委」已存在/);
    expect(await say('修改单位 工业园区管委会 类型菜市场')).toMatch(/单位类型「菜市场」不在可选范围内/);
    expect(await say('修改单位 工业园区管委会')).toMatch(
      /没有要修改的内容。请写：修改单位 单位名称 名称新名称/,
    );
    expect(await say('修改单位 火星办 名称地球办')).toMatch(/没有单位「火星办」/);
    expect(await say('修改单位 工业园区管委会 园区')).toMatch(/名称和类型与原来相同/);
    expect(await say('修改单位 工业园区管委会 名称某园区', lisi)).toMatch(/需要管理员权限/);
    expect(store.seq).toBe(before);
  });
});

describe('问题已解决', () => {
  it('marks the open problems of a category solved, with the date and who, and can be undone', async () => {
    const { say, store } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', lisi);
    await say('问题 再生铝项目 用地 土地报批未完成', lisi);
    await say('问题 再生铝项目 资金 配套资金未到', lisi);
    expect(await say('问题已解决 再生铝项目 土地 已取得用地指标', { as: 'wangwu' })).toMatch(
      /没有找到项目「再生铝项目」/,
    );
    const answer = await say('问题已解决 再生铝项目 土地 已取得用地指标', lisi);
    expect(answer).toMatch(
      /已标记问题解决：P2023-001 再生铝项目\n【土地】土地报批未完成　→ 已解决（2023-06-30，李四）/,
    );
    expect(answer).toMatch(/说明：已取得用地指标\n还有 1 个问题未解决/);
    const card = await say('查询 再生铝项目', lisi);
    expect(card).toMatch(/问题（资金）：配套资金未到/);
    expect(card).not.toMatch(/问题（土地）/);
    expect(card).toMatch(/已解决问题 1 个（最近 2023-06-30）/);
    expect(store.project('P2023-001')?.problems[0]?.solved).toMatchObject({
      by: 'lisi',
      note: '已取得用地指标',
    });

    const before = store.seq;
    expect(await say('问题已解决 再生铝项目 用地', lisi)).toMatch(/没有未解决的「土地」问题/);
    expect(store.seq).toBe(before);
    expect(await say('撤销', lisi)).toMatch(/已撤销：问题已解决 P2023-001 再生铝项目（1 个）/);
    expect(await say('查询 再生铝项目', lisi)).toMatch(/问题（土地）：土地报批未完成/);
  });
});

describe('「问题 某项目 已解决」', () => {
  it('is read as the problem being solved, never recorded as a new problem called 「已解决」', async () => {
    const { say, store } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', lisi);
    await say('问题 再生铝项目 用地 土地报批未完成', lisi);
    await say('问题 再生铝项目 资金 配套资金未到', lisi);
    expect(await say('问题 再生铝项目 土地 已解决', lisi)).toMatch(
      /已标记问题解决：P2023-001 再生铝项目\n【土地】/,
    );
    expect(await say('问题 再生铝项目 已经解决了。', lisi)).toMatch(/【资金】配套资金未到　→ 已解决/);
    const problems = store.project('P2023-001')?.problems ?? [];
    expect(problems.map((q) => q.text)).toEqual(['土地报批未完成', '配套资金未到']);
    expect(problems.every((q) => q.solved)).toBe(true);
    expect(await say('问题 再生铝项目 解决了一半，还差指标', lisi)).toMatch(/已登记问题/);
  });
});

describe('修改外出招商', () => {
  it('lets the reporter and admins correct a trip by its id, showing before → after, and undo both', async () => {
    const { say, store } = await smallDistrict();
    const recorded = await say('外出招商 深圳 对接企业某甲公司 日期6月12日', lisi);
    expect(recorded).toMatch(/已登记外出招商：T2023-001 深圳[\s\S]*修改外出招商 T2023-001/);
    expect(await say('修改外出招商 T2023-001 日期6月13日', { as: 'wangwu' })).toMatch(
      /外出招商记录 T2023-001 只能由登记人或管理员修改/,
    );
    const answer = await say('修改外出招商 t2023-001 日期6月13日 带队张三 对接企业某甲公司、某乙公司', lisi);
    expect(answer).toMatch(/已修改外出招商：T2023-001 深圳/);
    expect(answer).toMatch(/日期：2023-06-12 → 2023-06-13/);
    expect(answer).toMatch(/带队：（空） → 张三/);
    expect(answer).toMatch(/对接企业：某甲公司 → 某甲公司、某乙公司/);
    expect(answer).toMatch(/计入区领导带队：否 → 是/);
    expect(await say('领导外出 张三', lisi)).toMatch(/带队外出招商 1 次，对接企业 2 家[\s\S]*T2023-001/);
    expect(await say('撤销', lisi)).toMatch(/已撤销：修改外出招商 T2023-001 深圳（2023-06-13）/);
    expect(store.trip('T2023-001')).toMatchObject({ date: '2023-06-12', leaderName: null });

    expect(await say('修改外出招商 T2023-001 去向广州')).toMatch(/去向：深圳 → 广州/);
    expect(await say('修改 T2023-001 日期6月14日 带队张三')).toMatch(
      /已修改外出招商：T2023-001 广州\n日期：2023-06-12 → 2023-06-14\n带队：（空） → 张三/,
    );
  });

  it('undoes a corrected trip back to the original, then the trip itself', async () => {
    const { say, store } = await smallDistrict();
    await say('外出招商 深圳 对接企业某甲公司 日期6月12日', lisi);
    await say('修改外出招商 T2023-001 日期6月13日', lisi);
    expect(await say('撤销', lisi)).toMatch(/已撤销：修改外出招商/);
    expect(await say('撤销', lisi)).toMatch(/已撤销：外出招商 深圳（2023-06-12）/);
    expect(store.trip('T2023-001')).toBeNull();
  });

  it('answers bad corrections with the right form and writes nothing', async () => {
    const { say, store } = await smallDistrict();
    await say('外出招商 深圳 对接企业某甲公司 日期6月12日', lisi);
    const before = store.seq;
    expect(await say('修改外出招商 T2023-001', lisi)).toMatch(
      /没有要修改的内容。可改：去向、日期、带队、对接企业/,
    );
    expect(await say('修改外出招商 T2023-099 日期6月1日', lisi)).toMatch(/没有找到外出招商记录「T2023-099」/);
    expect(await say('修改外出招商 T2023-001 日期12月1日', lisi)).toMatch(/在今天之后/);
    expect(await say('修改外出招商 T2023-001 去向深圳', lisi)).toMatch(/内容与原来相同，没有修改/);
    expect(await say('修改 P2023-001 日期6月13日')).toMatch(/去向、日期、带队、对接企业是外出招商记录的内容/);
    expect(store.seq).toBe(before);
  });
});
