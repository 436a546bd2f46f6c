import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import type { IncomingMessage } from '../../src/core/incoming.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { unlessHandled } from '../../src/platforms/answer-once.ts';
import { frozenClock } from '../../src/time/clock.ts';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { Store } from '../../storage/store.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const clock = frozenClock(new Date('2023-06-10T10:00:00+08:00'));
const shared = sharedDatabase();

async function instance(): Promise<Store> {
  const store = await Store.open(new PgPersistence({ url: shared.url, pollMs: 200 }));
  shared.keep(store);
  return store;
}

const botOn = (store: Store) => buildBot({ store, clock, admins: ['admin'], logger: silentLogger });

const message = (id: string, text: string, senderId = 'lisi'): IncomingMessage => ({
  platform: 'dingtalk',
  messageId: id,
  chatId: 'cid-lisi==',
  chatType: 'single',
  senderId,
  text,
});

describe('a message the platform delivered to two instances on one database at once', () => {
  it('is answered by the one that stored it; the other answers nothing, as to any redelivery', async () => {
    const a = await instance();
    const admin = botOn(a);
    await admin.answerDurably(message('setup-1', '添加单位 工业园区管委会 类型园区', 'admin'));
    await admin.answerDurably(
      message('setup-2', '添加成员 李四 账号lisi 单位工业园区管委会 角色成员', 'admin'),
    );
    const b = await instance();
    const [viaA, viaB] = [unlessHandled(botOn(a)), unlessHandled(botOn(b))];
    for (let round = 1; round <= 10; round++) {
      await expect.poll(() => a.seq === b.seq).toBe(true);
      const text = `登记在谈 第${round}号项目 日期2023-06-01`;
      const answers = await Promise.all([
        viaA(message(`both-${round}`, text)),
        viaB(message(`both-${round}`, text)),
      ]);
      const given = answers.filter((answer) => answer !== null);
      expect(given.map((answer) => (answer.kind === 'answered' ? answer.reply.title : answer.kind))).toEqual([
        expect.stringMatching(/^已登记在谈/),
      ]);
    }
    await expect.poll(() => a.seq === b.seq).toBe(true);
    expect(b.projects().map((p) => p.name)).toHaveLength(10);
  });
});
