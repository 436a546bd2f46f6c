import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import type { JournalRecord } from '../../storage/journal-record.ts';
import { MemoryPersistence } from '../../storage/persistence.ts';
import { Store } from '../../storage/store.ts';

/** A memory store whose next append can be made to fail, as a full or failing disk would. */
class FlakyPersistence extends MemoryPersistence {
  failNext = false;
  override append(record: JournalRecord): void {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('EIO: i/o error, fdatasync');
    }
    super.append(record);
  }
}

async function botOnFlakyStore() {
  const persistence = new FlakyPersistence();
  const store = await Store.open(persistence);
  const bot = buildBot({
    store,
    clock: { now: () => new Date('2023-06-30T10:00:00+08:00') },
    admins: ['admin'],
    logger: silentLogger,
  });
  const deliver = (text: string, messageId: string) => {
    const message = {
      platform: 'dingtalk',
      messageId,
      chatId: null,
      chatType: 'single' as const,
      senderId: 'admin',
      text,
    };
    return bot.alreadyHandled(message) ? null : renderPlainText(bot.handle(message));
  };
  return { persistence, store, bot, deliver };
}

describe('the bot and redelivered messages', () => {
  it('runs a redelivered message again when its first attempt failed to store, and stores it once', async () => {
    const { persistence, store, deliver } = await botOnFlakyStore();
    persistence.failNext = true;
    expect(deliver('添加单位 工业园区管委会 园区', 'm1')).toMatch(/内容没有保存/);
    expect(store.units()).toHaveLength(0);
    expect(deliver('添加单位 工业园区管委会 园区', 'm1')).toMatch(/已添加单位：工业园区管委会/);
    expect(deliver('添加单位 工业园区管委会 园区', 'm1')).toBeNull();
    expect(store.units()).toHaveLength(1);
    expect(persistence.appended).toHaveLength(1);
  });

  it('answers a redelivered read again instead of dropping it as a duplicate', async () => {
    const { deliver } = await botOnFlakyStore();
    const first = deliver('帮助 撤销', 'r1');
    expect(first).toMatch(/撤销/);
    expect(deliver('帮助 撤销', 'r1')).toBe(first);
  });

  it('gives a retry of a stored change the same answer the first delivery got', async () => {
    const { bot, store } = await botOnFlakyStore();
    const message = {
      platform: 'wecom',
      messageId: 'w1',
      chatId: null,
      chatType: 'single' as const,
      senderId: 'admin',
      text: '添加单位 经济信息委 部门',
    };
    const first = renderPlainText(bot.handle(message));
    expect(first).toMatch(/已添加单位：经济信息委/);
    expect(renderPlainText(bot.handle(message))).toBe(first);
    expect(store.units()).toHaveLength(1);
  });
});
