import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../src/core/incoming.ts';
import { answerOnce, unlessHandled } from '../../src/platforms/answer-once.ts';
import { smallDistrict } from '../helpers/conversation.ts';

const signing = (messageId: string): IncomingMessage => ({
  platform: 'dingtalk',
  messageId,
  chatId: 'group-1',
  chatType: 'group',
  senderId: 'lisi',
  text: '登记签约 再生铝项目 合同额12亿 正式合同 日期2023-05-20',
});

describe('answering each message exactly once', () => {
  it('lets a delivery that arrives while the first runs share its answer, and stores the project once', async () => {
    const c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
    const deliver = answerOnce(unlessHandled(c.bot), () => undefined);
    const first = deliver(signing('m-1'));
    const again = deliver(signing('m-1'));
    expect([first.first, again.first]).toEqual([true, false]);
    expect(await again.received).toBe(await first.received);
    expect((await first.received)?.kind).toBe('answered');
    expect(c.store.projects().map((p) => p.name)).toEqual(['再生铝项目']);
  });

  it('answers nothing to a redelivery once the first delivery is stored', async () => {
    const c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
    const deliver = answerOnce(unlessHandled(c.bot), () => undefined);
    await deliver(signing('m-2')).received;
    const later = deliver(signing('m-2'));
    expect(later.first).toBe(true);
    expect(await later.received).toBeNull();
    expect(c.store.projects()).toHaveLength(1);
  });

  it('keeps a message in flight until its answer is sent when asked to, so a redelivery meanwhile is not run', async () => {
    const c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
    const deliver = answerOnce(unlessHandled(c.bot), () => undefined, { holdWhileAnswering: true });
    const read = { ...signing('m-3'), text: '全区进度' };
    const first = deliver(read);
    await first.received;
    expect(deliver(read).first).toBe(false);
    first.done();
    expect(deliver(read).first).toBe(true);
  });

  it('turns a pipeline that throws into a dropped message and reports it', async () => {
    const failures: string[] = [];
    const deliver = answerOnce(
      async () => {
        throw new Error('disk on fire');
      },
      (message, e) => failures.push(`${message.messageId}: ${(e as Error).message}`),
    );
    expect(await deliver(signing('m-4')).received).toEqual({ kind: 'dropped' });
    expect(failures).toEqual(['m-4: disk on fire']);
  });
});
