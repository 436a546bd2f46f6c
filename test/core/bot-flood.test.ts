import { describe, expect, it } from 'vitest';
import type { Received } from '../../src/core/bot.ts';
import { MEMBER_MESSAGES_PER_MINUTE } from '../../src/core/flood-gate.ts';
import type { IncomingMessage } from '../../src/core/incoming.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { smallDistrict } from '../helpers/conversation.ts';

const from = (senderId: string, messageId: string, text: string): IncomingMessage => ({
  platform: 'wecom',
  messageId,
  chatId: 'wrkGroup01',
  chatType: 'group',
  senderId,
  text,
});

const text = (r: Received) => (r.kind === 'dropped' ? null : renderPlainText(r.reply));

describe('a member who floods the bot', () => {
  it('is slowed with one polite answer, loses the excess without a trace, and starves no one', async () => {
    const c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
    for (let i = 0; i < MEMBER_MESSAGES_PER_MINUTE; i++) {
      expect((await c.bot.receive(from('lisi', `read-${i}`, '我的项目'))).kind).toBe('answered');
    }
    const slowed = await c.bot.receive(from('lisi', 'over-1', '我的项目'));
    expect(text(slowed)).toMatch(/一分钟内发来的消息超过 30 条，请稍等一分钟再发/);
    const seq = c.store.seq;
    const excess = from('lisi', 'over-2', '登记签约 刷屏项目 合同额1亿 正式合同 日期2023-06-01');
    for (let i = 0; i < 50; i++) expect(await c.bot.receive(excess)).toEqual({ kind: 'dropped' });
    expect(c.store.seq).toBe(seq);
    expect(c.bot.alreadyHandled(excess)).toBe(false);
    // another member in the same second is answered as usual
    const other = await c.bot.receive(
      from('wangwu', 'w-1', '登记签约 正常项目 合同额2亿 正式合同 日期2023-06-01'),
    );
    expect(text(other)).toMatch(/已登记签约：P2023-001 正常项目/);
    // a minute later the dropped message, delivered again, is handled like any other
    c.setNow('2023-06-30T10:01:00+08:00');
    expect(text(await c.bot.receive(excess))).toMatch(/已登记签约：P2023-002 刷屏项目/);
  });

  it('counts each platform account on its own, and leaves the console (handle) unlimited', async () => {
    const c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
    for (let i = 0; i <= MEMBER_MESSAGES_PER_MINUTE; i++) await c.bot.receive(from('lisi', `a-${i}`, '帮助'));
    expect((await c.bot.receive({ ...from('lisi', 'd-1', '帮助'), platform: 'dingtalk' })).kind).toBe(
      'answered',
    );
    for (let i = 0; i < 3 * MEMBER_MESSAGES_PER_MINUTE; i++) {
      expect(await c.say('帮助', { as: 'lisi', platform: 'console' })).toMatch(/帮助|命令/);
    }
  });
});
