import { describe, expect, it } from 'vitest';
import { conversation, smallDistrict } from '../helpers/conversation.ts';

describe('permissions fail closed', () => {
  it('tells someone unknown how to be added, and writes nothing', async () => {
    const { say, store } = await smallDistrict();
    const before = store.seq;
    const answer = await say('登记签约 再生铝项目 合同额1亿 正式合同', { as: 'stranger' });
    expect(answer).toMatch(/还不认识您（账号 stranger）/);
    expect(answer).toMatch(/添加成员 您的姓名 账号stranger/);
    expect(store.seq).toBe(before);
    expect(await say('帮助', { as: 'stranger' })).toMatch(/还不认识您/);
  });

  it('lets the first admins in from SAIMA_ADMINS without being members', async () => {
    const { say } = await conversation({ admins: ['boss'] });
    expect(await say('添加单位 工业园区管委会 园区', { as: 'boss' })).toMatch(/已添加单位/);
    expect(await say('添加单位 经济信息委 部门', { as: 'admin' })).toMatch(/还不认识您/);
  });

  it('keeps admin commands from members and leaders', async () => {
    const { say, store } = await smallDistrict();
    const before = store.seq;
    expect(await say('添加单位 某镇 镇街', { as: 'lisi' })).toMatch(/「添加单位」需要管理员权限/);
    expect(await say('设置目标 全区 2023年 报告目标 签约个数40', { as: 'zhangsan' })).toMatch(
      /需要管理员权限/,
    );
    expect(await say('修改 P2023-001 合同额2亿', { as: 'lisi' })).toMatch(/需要管理员权限/);
    expect(store.seq).toBe(before);
  });

  it("lets members change only their own unit's projects", async () => {
    const { say, store } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    const before = store.seq;
    expect(await say('进度 再生铝项目 代别人写的进展', { as: 'wangwu' })).toMatch(
      /^❌ 没有找到项目「再生铝项目」/,
    );
    expect(await say('进度 再生铝项目 代别人写的进展', { as: 'zhangsan' })).toMatch(
      /项目「再生铝项目」属于工业园区管委会，您只能登记和修改本单位的项目/,
    );
    // a unit is never called a project in the refusal
    expect(await say('登记签约 新项目 合同额1亿 正式合同 单位工业园区管委会', { as: 'wangwu' })).toMatch(
      /^❌ 您只能为本单位登记项目，不能登记到「工业园区管委会」。/,
    );
    expect(store.seq).toBe(before);
  });

  it("lets members read only their own unit's project cards, and leaders read everything", async () => {
    const { say } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    expect(await say('查询 再生铝项目', { as: 'wangwu' })).toMatch(/^❌ 没有找到项目「再生铝项目」/);
    expect(await say('查询 再生铝项目', { as: 'zhangsan' })).toMatch(/P2023-001 再生铝项目/);
    expect(await say('再生铝项目进展如何', { as: 'lisi' })).toMatch(/阶段：签约/);
  });

  it('lets an admin register for any unit, but asks which one', async () => {
    const { say, store } = await smallDistrict();
    expect(await say('登记签约 再生铝项目 合同额1亿 正式合同')).toMatch(/请用「单位…」指明责任单位/);
    await say('登记签约 再生铝项目 合同额1亿 正式合同 单位经济信息委');
    expect(store.project('P2023-001')?.unitId).toBe(store.unitByName('经济信息委')?.id);
  });
});
