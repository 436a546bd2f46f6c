import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import type { Bot, Received } from '../../src/core/bot.ts';
import type { IncomingMessage } from '../../src/core/incoming.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { frozenClock } from '../../src/time/clock.ts';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { Store } from '../../storage/store.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const clock = frozenClock(new Date('2023-06-10T10:00:00+08:00'));
const REPORTERS = 40;
const LOAD_MS = 2_000;
const shared = sharedDatabase();

async function instance(): Promise<{ store: Store; bot: Bot }> {
  const store = await Store.open(new PgPersistence({ url: shared.url, pollMs: 200 }));
  shared.keep(store);
  // members here report at machine speed: the flood gate is not what is tested
  const bot = buildBot({
    store,
    clock,
    admins: ['admin'],
    logger: silentLogger,
    memberMessagesPerMinute: 1e9,
  });
  return { store, bot };
}

let sent = 0;
const message = (senderId: string, text: string): IncomingMessage => ({
  platform: 'dingtalk',
  messageId: `m-${++sent}`,
  chatId: null,
  chatType: 'single',
  senderId,
  text,
});

describe('two instances appending to one journal under steady load from both', () => {
  it('both store every message, none given up after losing race after race: the instance that lost one appends next', async () => {
    const a = await instance();
    const say = (as: string, text: string) => a.bot.answerDurably(message(as, text));
    await say('admin', '添加单位 工业园区管委会 类型园区');
    const projects: string[] = [];
    for (let r = 1; r <= REPORTERS; r++) {
      await say('admin', `添加成员 成员${r} 账号r${r} 单位工业园区管委会 角色成员`);
      const signed = await say(`r${r}`, `登记签约 报送${r}号项目 合同额1亿 类型正式合同 日期2023-06-01`);
      projects.push(/P\d{4}-\d+/u.exec(signed.title)?.[0] as string);
    }
    const b = await instance();
    const outcomes: Received['kind'][] = [];
    const until = Date.now() + LOAD_MS;
    await Promise.all(
      projects.map(async (project, r) => {
        for (let n = 1; Date.now() < until; n++) {
          const via = Math.random() < 0.5 ? a : b;
          const received = await via.bot.receive(message(`r${r + 1}`, `进度 ${project} 第${n}次现场推进`));
          outcomes.push(received.kind);
        }
      }),
    );
    const saved = outcomes.filter((kind) => kind === 'answered').length;
    expect(outcomes.filter((kind) => kind !== 'answered')).toEqual([]);
    expect(saved).toBeGreaterThan(REPORTERS);
    await expect.poll(() => a.store.seq === b.store.seq, { timeout: 5_000 }).toBe(true);
    const rows = await shared.sql<{ n: string }>(
      `SELECT count(*) AS n FROM saima_journal WHERE message_key IS NOT NULL AND record LIKE '%第%次现场推进%'`,
    );
    expect(Number(rows[0]?.n)).toBe(saved);
    for (const { store } of [a, b]) {
      expect(store.projects().reduce((sum, p) => sum + p.notes.length, 0)).toBe(saved);
    }
  });
});
