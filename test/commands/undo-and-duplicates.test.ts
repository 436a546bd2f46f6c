import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import type { Store } from '../../storage/store.ts';
import { smallDistrict } from '../helpers/conversation.ts';
import { testStorePlace } from '../helpers/test-store.ts';

describe('撤销 undoes the sender’s own last change within 24 hours', () => {
  it('undoes a signing, then the change before it, and logs the undo', async () => {
    const { say, store, setNow } = await smallDistrict();
    await say('登记在谈 再生铝项目 日期2023-05-01', { as: 'lisi' });
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    setNow('2023-07-01T09:00:00+08:00');
    expect(await say('撤销', { as: 'lisi' })).toMatch(/已撤销：登记签约 P2023-001 再生铝项目/);
    expect(store.project('P2023-001')).toMatchObject({ stage: '在谈', signing: null });
    expect(await say('撤回', { as: 'lisi' })).toMatch(/已撤销：登记在谈 P2023-001/);
    expect(store.project('P2023-001')).toBeNull();
    expect(await say('撤销', { as: 'lisi' })).toMatch(/24 小时内您没有可以撤销的登记/);
  });

  it('does not reach past 24 hours', async () => {
    const { say, store, setNow } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    setNow('2023-07-01T10:00:01+08:00');
    expect(await say('撤销', { as: 'lisi' })).toMatch(/没有可以撤销/);
    expect(store.project('P2023-001')).not.toBeNull();
  });

  it("never undoes someone else's change, and refuses when others changed the record since", async () => {
    const { say, store } = await smallDistrict();
    await say('添加成员 赵七 账号zhaoqi 单位工业园区管委会 角色成员');
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    expect(await say('撤销', { as: 'zhaoqi' })).toMatch(/没有可以撤销/);
    await say('进度 再生铝项目 已进场', { as: 'zhaoqi' });
    const before = store.seq;
    expect(await say('撤销', { as: 'lisi' })).toMatch(/之后这些记录又被改过，不能直接撤销/);
    expect(store.seq).toBe(before);
  });
});

describe('a platform delivering the same message again changes nothing', () => {
  it('stores a signing once when the same message id arrives three times', async () => {
    const { say, store } = await smallDistrict();
    const text = '登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01';
    expect(await say(text, { as: 'lisi', id: 'msg-1' })).toMatch(/已登记签约/);
    await say(text, { as: 'lisi', id: 'msg-1' });
    await say(text, { as: 'lisi', id: 'msg-1' });
    expect(store.projects()).toHaveLength(1);
  });

  it('remembers handled ids in the store, not only in memory', async () => {
    const { say, store } = await smallDistrict();
    const text = '到位资金 再生铝项目 1000万';
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    await say(text, { as: 'lisi', id: 'msg-2' });
    // a fresh bot on the same store stands for a restarted process
    const again = buildBot({
      store,
      clock: { now: () => new Date('2023-06-30T10:00:00+08:00') },
      admins: [],
      logger: silentLogger,
    });
    const answer = again.handle({
      platform: 'test',
      messageId: 'msg-2',
      chatId: null,
      chatType: 'single',
      senderId: 'lisi',
      text,
    });
    expect(answer.title).toMatch(/已经处理过（到位资金 P2023-001 再生铝项目）/);
    expect(store.project('P2023-001')?.instalments).toHaveLength(1);
  });

  it('treats the same id on another platform as another message', async () => {
    const { say, store } = await smallDistrict();
    await say('登记签约 再生铝项目 合同额1亿 正式合同 日期2023-06-01', { as: 'lisi' });
    await say('到位资金 再生铝项目 1000万', { as: 'lisi', id: 'x', platform: 'wecom' });
    // the same amount again within the hour is asked about first; 「1」 says it is a second payment
    expect(await say('到位资金 再生铝项目 1000万', { as: 'lisi', id: 'x', platform: 'dingtalk' })).toMatch(
      /刚才已登记过 1000万元，是再到位一笔吗？/,
    );
    await say('1', { as: 'lisi', id: 'y', platform: 'dingtalk' });
    expect(store.project('P2023-001')?.instalments).toHaveLength(2);
  });
});

describe('撤销 after a restart', () => {
  it('undoes a 外出招商 recorded before the store was closed and opened again', async () => {
    const place = await testStorePlace();
    const now = new Date('2023-06-30T10:00:00+08:00');
    const botOn = (store: Store) => {
      const bot = buildBot({ store, clock: { now: () => now }, admins: ['admin'], logger: silentLogger });
      return (text: string, as = 'admin') =>
        renderPlainText(
          bot.handle({
            platform: 'test',
            messageId: null,
            chatId: null,
            chatType: 'single',
            senderId: as,
            text,
          }),
        );
    };
    const first = await place.open();
    const say = botOn(first);
    say('添加单位 工业园区管委会 类型园区');
    say('添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
    say('添加成员 张三 账号zhangsan 角色领导');
    expect(say('外出招商 深圳 带队张三 对接企业某甲公司、某乙公司 日期6月12日', 'lisi')).toMatch(
      /已登记外出招商/,
    );
    await first.close();

    const again = await place.open();
    expect(botOn(again)('撤销', 'lisi')).toMatch(/已撤销：外出招商 深圳（2023-06-12）/);
    expect(again.trips()).toHaveLength(0);
    await again.close();
  });
});
