import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import type { IncomingMessage } from '../../src/core/incoming.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { frozenClock } from '../../src/time/clock.ts';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { Store } from '../../storage/store.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const clock = frozenClock(new Date('2023-06-10T10:00:00+08:00'));
const shared = sharedDatabase();
let sent = 0;

/** An instance that learns of the other's changes only when it asks: no poll within the test, its LISTEN ended. */
async function instance(): Promise<{ store: Store; say: (as: string, text: string) => Promise<string> }> {
  const store = shared.keep(await Store.open(new PgPersistence({ url: shared.url, pollMs: 60_000 })));
  const bot = buildBot({ store, clock, admins: ['admin'], logger: silentLogger });
  const say = async (as: string, text: string) => {
    const message: IncomingMessage = {
      platform: 'wecom',
      messageId: `m${++sent}`,
      chatId: null,
      chatType: 'single',
      senderId: as,
      text,
    };
    return renderPlainText(await bot.answerDurably(message));
  };
  return { store, say };
}

describe('a message answered by an instance that has not yet followed the other', () => {
  it('finds the project registered through the other instance a moment ago, and records progress on it', async () => {
    const a = await instance();
    const b = await instance();
    expect(await shared.endListeners()).toBe(2);
    await a.say('admin', '添加单位 工业园区管委会 类型园区');
    await a.say('admin', '添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
    expect(await a.say('lisi', '登记签约 新能源电池项目 合同额5亿 类型正式合同 日期2023-05-20')).toMatch(
      /已登记签约/,
    );
    // b has not seen any of it: without reading again it would not know lisi, nor the project
    expect(b.store.seq).toBeLessThan(a.store.seq);
    expect(await b.say('lisi', '新能源电池项目进展如何')).toMatch(/新能源电池项目.*\n[\s\S]*5(\.0+)?亿/);
    expect(await b.say('lisi', '进度 新能源电池项目 已完成土地摘牌')).toMatch(/已记录/);
    await expect.poll(() => a.store.projects()[0]?.notes.length, { timeout: 5_000 }).toBe(1);
  });

  it('reads nothing again when the answer already stands on everything committed', async () => {
    const a = await instance();
    await a.say('admin', '添加单位 工业园区管委会 类型园区');
    const before = a.store.seq;
    expect(await a.say('admin', '全区进度')).toMatch(/全区/);
    expect(await a.store.refresh()).toBe(false);
    expect(a.store.seq).toBe(before);
  });
});
