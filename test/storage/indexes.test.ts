import { describe, expect, it } from 'vitest';
import { openTestStore } from '../helpers/test-store.ts';

const meta = (n = 1) => ({ actor: 'admin', command: 'test', at: new Date(`2026-03-0${n}T10:00:00+08:00`) });

describe('the ledger indexes', () => {
  it('follow a rename, a unit change and an undo, so a name is free again exactly when no project holds it', async () => {
    const store = await openTestStore();
    const a = store.addUnit(meta(), { name: '工业园区管委会', type: '园区' });
    const b = store.addUnit(meta(), { name: '经济信息委', type: '部门' });
    const p = store.registerNegotiation(meta(2), { name: '再生铝项目', unitId: a.id, date: '2026-03-02' });
    expect(() =>
      store.registerNegotiation(meta(2), { name: '再生铝项目', unitId: a.id, date: '2026-03-02' }),
    ).toThrow(/再生铝项目/);
    // another unit may hold the same name
    store.registerNegotiation(meta(3), { name: '再生铝项目', unitId: b.id, date: '2026-03-03' });
    store.updateProject(meta(4), p.id, { name: '再生铝二期项目' });
    // the old name is free in unit a once the rename is stored; the new one is taken
    store.registerNegotiation(meta(5), { name: '再生铝项目', unitId: a.id, date: '2026-03-05' });
    expect(() =>
      store.registerNegotiation(meta(5), { name: '再生铝二期项目', unitId: a.id, date: '2026-03-05' }),
    ).toThrow(/再生铝二期项目/);
    // undoing the last registration frees its name again
    store.undoLast({ ...meta(5), actor: 'admin' }, 24 * 3600_000);
    store.registerNegotiation(meta(6), { name: '再生铝项目', unitId: a.id, date: '2026-03-06' });
  });

  it('find a member by account and by name after an upsert changes the name', async () => {
    const store = await openTestStore();
    store.upsertMember(meta(), { name: '张三', account: 'zhangsan', unitId: null, role: 'member' });
    store.upsertMember(meta(2), { name: '张山', account: 'zhangsan', unitId: null, role: 'member' });
    expect(store.memberByAccount('zhangsan')?.name).toBe('张山');
    expect(store.memberByName('张三')).toBeNull();
    expect(store.memberByName('张山')?.account).toBe('zhangsan');
  });
});
