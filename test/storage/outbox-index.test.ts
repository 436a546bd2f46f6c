import { describe, expect, it } from 'vitest';
import { openTestStore } from '../helpers/test-store.ts';

const meta = (n = 1) => ({ actor: 'saima', command: 'push', at: new Date(`2026-03-0${n}T10:00:00+08:00`) });
const item = (chatId: string, order: number) => ({
  platform: 'wecom',
  chatId,
  order,
  title: 't',
  body: `${chatId}-${order}`,
  image: false,
});

describe('the outbox looked up by destination', () => {
  it('holds exactly the pending items of each chat as they are sent, fail, or are interrupted', async () => {
    const store = await openTestStore();
    store.startPushRun(
      meta(),
      {
        id: 'monthly@1',
        kind: 'monthly',
        slot: '2026-03-01T09:00:00.000+08:00',
        trigger: 'schedule',
        late: false,
      },
      [item('a', 0), item('a', 1), item('b', 0)],
    );
    const bodies = (chat: string) =>
      store
        .pendingFor(`wecom:${chat}`)
        .map((i) => i.body)
        .sort();
    expect(bodies('a')).toEqual(['a-0', 'a-1']);
    expect(store.pendingDestinations().sort()).toEqual(['wecom:a', 'wecom:b']);
    const [a0, a1] = store.pendingFor('wecom:a').sort((x, y) => x.order - y.order);
    store.markOutbox(meta(), a0?.id as string, { sending: true });
    expect(bodies('a')).toEqual(['a-1']);
    store.markOutbox(meta(), a0?.id as string, { sent: true });
    store.markOutbox(meta(), a1?.id as string, { sent: false, error: 'x', final: false });
    expect(bodies('a')).toEqual(['a-1']); // still to be tried again
    store.markOutbox(meta(), a1?.id as string, { sent: false, error: 'x', final: true });
    expect(bodies('a')).toEqual([]);
    expect(store.pendingDestinations()).toEqual(['wecom:b']);
    const [b0] = store.pendingFor('wecom:b');
    store.markOutbox(meta(), b0?.id as string, { sending: true });
    expect(store.markInterrupted(meta()).map((i) => i.body)).toEqual(['b-0']);
    expect(store.pendingDestinations()).toEqual([]);
    expect(
      store
        .outboxOfRun('monthly@1')
        .map((i) => i.status)
        .sort(),
    ).toEqual(['failed', 'sent', 'unknown']);
  });
});
