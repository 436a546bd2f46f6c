import { describe, expect, it } from 'vitest';
import { conversation } from '../helpers/conversation.ts';
import { testStorePlace } from '../helpers/test-store.ts';

const meta = (n: number) => ({
  actor: 'admin',
  command: 'test',
  at: new Date(Date.UTC(2023, 5, 1, 0, 0, n)),
});

describe('life-cycle records survive a restart', () => {
  it('keeps a member’s status and a solved problem through the snapshot and the journal', async () => {
    const place = await testStorePlace();
    const a = await place.open({ snapshotEvery: 3 });
    const unit = a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    const { member } = a.upsertMember(meta(2), {
      name: '李四',
      account: 'lisi',
      unitId: unit.id,
      role: 'member',
    });
    a.upsertMember(meta(3), { name: '王五', account: 'wangwu', unitId: unit.id, role: 'member' });
    const p = a.registerNegotiation(meta(4), { name: '再生铝项目', unitId: unit.id, date: '2023-05-01' });
    a.recordProblem(meta(5), p.id, { category: '土地', text: '报批未完成' });
    a.deactivateMember(meta(6), member.id);
    a.solveProblems(meta(7), p.id, { category: null, note: '已摘牌', date: '2023-06-01' });
    a.removeMember(meta(8), a.memberByAccount('wangwu')?.id as string);
    a.updateUnit(meta(9), unit.id, { name: '高新区管委会' });
    await a.close();

    const b = await place.open();
    expect(b.memberByAccount('lisi')).toMatchObject({ status: 'inactive', statusBy: 'admin' });
    expect(b.memberByAccount('wangwu')).toMatchObject({ status: 'removed' });
    expect(b.removedMemberNames()).toEqual(new Set(['王五']));
    expect(b.project(p.id)?.problems[0]?.solved).toMatchObject({
      date: '2023-06-01',
      note: '已摘牌',
      by: 'admin',
    });
    expect(b.unit(unit.id)?.name).toBe('高新区管委会');
    await b.close();
  });
});

describe('closing a store', () => {
  it('is done once however often it is asked: a second close changes nothing, and the ledger opens again', async () => {
    const place = await testStorePlace();
    const a = await place.open();
    a.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    await a.close();
    await a.close();
    await Promise.all([a.close(), a.close()]);
    const b = await place.open();
    expect(b.units().map((u) => u.name)).toEqual(['工业园区管委会']);
    await b.close();
  });
});

describe('a store opened again', () => {
  it('lists records in the order they entered the ledger, not in the order of their ids', async () => {
    const place = await testStorePlace();
    const a = await place.open();
    for (const chatId of ['g2', 'g10', 'g1'])
      a.bindChat(meta(1), { platform: 'wecom', chatId, scope: { kind: 'district' } });
    const bound = a.bindings().map((b) => b.chatId);
    expect(bound).toEqual(['g2', 'g10', 'g1']);
    await a.close();
    const b = await place.open();
    expect(b.bindings().map((x) => x.chatId)).toEqual(bound);
    await b.close();
  });

  it('holds a question asked before it closed, and the answer after writes once', async () => {
    const place = await testStorePlace();
    const now = '2026-11-27T10:00:00+08:00';
    const a = await conversation({ now, store: await place.open() });
    await a.say('添加单位 工业园区管委会 类型园区');
    await a.say('添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
    expect(await a.say('华峰铝业铝深加工项目今天签约了，合同额5亿', { as: 'lisi' })).toMatch(/合同类型是？/);
    await a.store.close();
    const b = await conversation({ now, store: await place.open() });
    expect(await b.say('1', { as: 'lisi' })).toMatch(/已登记签约/);
    expect(await b.say('1', { as: 'lisi' })).not.toMatch(/已登记签约/);
    expect(b.store.projects().map((p) => [p.name, p.signing?.type])).toEqual([
      ['华峰铝业铝深加工项目', '正式合同'],
    ]);
    await b.store.close();
  });

  it('remembers a platform message it handled, so the same message delivered after it opens again changes nothing', async () => {
    const place = await testStorePlace();
    const a = await conversation({ store: await place.open() });
    await a.say('添加单位 工业园区管委会 类型园区');
    await a.say('添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
    const text = '登记在谈 再生铝项目 日期2023-06-01';
    expect(await a.say(text, { as: 'lisi', id: 'm-1', platform: 'wecom' })).toMatch(/已登记在谈/);
    await a.store.close();
    const b = await conversation({ store: await place.open() });
    expect(await b.say(text, { as: 'lisi', id: 'm-1', platform: 'wecom' })).toMatch(/已经处理过/);
    expect(b.store.projects()).toHaveLength(1);
    await b.store.close();
  });
});
