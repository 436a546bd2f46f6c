import { describe, expect, it } from 'vitest';
import { DeliveryStatus } from '../../src/delivery/delivery-status.ts';
import { conversation } from '../helpers/conversation.ts';

describe('推送状态 shows admins how pushes are going', () => {
  it('says when nothing was pushed yet', async () => {
    const { say } = await conversation();
    expect(await say('推送状态')).toMatch(/还没有推送过消息/);
  });

  it('lists each destination by fingerprint with its last error and whether it stopped', async () => {
    const deliveries = new DeliveryStatus();
    deliveries.sent('wecom:1a2b3c4d', new Date('2023-06-30T01:00:00Z'));
    deliveries.failed(
      'wecom:99aa88bb',
      'errcode 93000: invalid webhook url',
      new Date('2023-06-30T02:00:00Z'),
      true,
    );
    const { say } = await conversation({ deliveries });
    const answer = await say('推送状态');
    expect(answer).toMatch(/已停用：wecom:99aa88bb/);
    expect(answer).toMatch(/wecom:1a2b3c4d\s+1\s+06-30 09:00\s+—\s+正常/);
    expect(answer).toMatch(
      /wecom:99aa88bb\s+0\s+—\s+06-30 10:00 errcode 93000: invalid webhook url\s+已停用/,
    );
  });

  it('tells a reply caught mid-send from a push: no advice to push again', async () => {
    const deliveries = new DeliveryStatus();
    deliveries.sent('dingtalk:session', new Date('2023-06-30T01:00:00Z'));
    const { say, store } = await conversation({ deliveries });
    const meta = { actor: 'saima', command: 'reply', at: new Date('2023-06-30T02:00:00Z') };
    const [item] = store.enqueueReply(meta, {
      platform: 'dingtalk',
      chatId: 'cidGROUP01==',
      parts: [
        {
          title: '已登记签约：P2023-001 再生铝项目',
          body: '#### ✅ 已登记签约：P2023-001 再生铝项目',
          route: { url: null, urlExpiresAt: null, groupFallback: true, confirmations: [] },
        },
      ],
    });
    store.markOutbox(meta, item?.id ?? '', { sending: true });
    store.markInterrupted(meta);
    const answer = await say('推送状态');
    expect(answer).toMatch(/回复不确定是否送达（发送时进程中断），不会重发：dingtalk 群 cidGROUP01==/);
    expect(answer).not.toMatch(/立即推送/);
  });
});
