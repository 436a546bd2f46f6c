import { describe, expect, it } from 'vitest';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { Store } from '../../storage/store.ts';
import { chatReceiver } from '../helpers/chat-receiver.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const shared = sharedDatabase();

/** An instance that learns of the other's changes only when it asks: no poll within the test, its LISTEN ended. */
async function instance(): Promise<{ store: Store; say: (text: string, as?: string) => Promise<string> }> {
  const store = shared.keep(await Store.open(new PgPersistence({ url: shared.url, pollMs: 60_000 })));
  return { store, say: chatReceiver(store) };
}

describe('a message answered by an instance that has not yet followed the other', () => {
  it('finds the project registered through the other instance a moment ago, and records progress on it', async () => {
    const a = await instance();
    const b = await instance();
    expect(await shared.endListeners()).toBe(2);
    await a.say('添加单位 工业园区管委会 类型园区', 'admin');
    await a.say('添加成员 李四 账号lisi 单位工业园区管委会 角色成员', 'admin');
    expect(await a.say('登记签约 新能源电池项目 合同额5亿 类型正式合同 日期2023-05-20', 'lisi')).toMatch(
      /已登记签约/,
    );
    // b has not seen any of it: without reading again it would not know lisi, nor the project
    expect(b.store.seq).toBeLessThan(a.store.seq);
    expect(await b.say('新能源电池项目进展如何', 'lisi')).toMatch(/新能源电池项目.*\n[\s\S]*5(\.0+)?亿/);
    expect(await b.say('进度 新能源电池项目 已完成土地摘牌', 'lisi')).toMatch(/已记录/);
    await expect.poll(() => a.store.projects()[0]?.notes.length, { timeout: 5_000 }).toBe(1);
  });

  it('reads nothing again when the answer already stands on everything committed', async () => {
    const a = await instance();
    await a.say('添加单位 工业园区管委会 类型园区', 'admin');
    const before = a.store.seq;
    expect(await a.say('全区进度', 'admin')).toMatch(/全区/);
    expect(await a.store.refresh()).toBe(false);
    expect(a.store.seq).toBe(before);
  });
});
