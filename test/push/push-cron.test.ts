import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import type { PushChannel } from '../../src/delivery/push-channel.ts';
import { OutboxWorker } from '../../src/push/outbox-worker.ts';
import { PushService } from '../../src/push/push-service.ts';
import { renderWecomMarkdown } from '../../src/render/wecom-markdown.ts';
import { systemClock } from '../../src/time/clock.ts';
import { MemoryPersistence } from '../../storage/persistence.ts';
import { Store } from '../../storage/store.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('node-cron drives the pushes', () => {
  it('fires 半月调度 when the fake clock passes 09:00 Shanghai on the 16th', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-16T00:58:30Z')); // 08:58:30 in Shanghai
    const store = await Store.open(new MemoryPersistence());
    const at = new Date();
    store.addUnit({ actor: 'admin', command: 'test', at }, { name: '工业园区管委会', type: '园区' });
    store.bindChat(
      { actor: 'admin', command: 'test', at },
      { platform: 'x', chatId: 'g1', scope: { kind: 'district' } },
    );
    const sent: string[] = [];
    const channel: PushChannel = {
      platform: 'x',
      limit: 4096,
      renderPush: renderWecomMarkdown,
      send: async (item) => {
        sent.push(item.title);
        return { ok: true };
      },
    };
    const channels = new Map([['x', channel]]);
    const worker = new OutboxWorker({ store, channels, logger: silentLogger, clock: systemClock });
    const pushes = new PushService({
      store,
      clock: systemClock,
      worker,
      channels,
      pictureDir: '/tmp',
      logger: silentLogger,
    });
    pushes.start();
    await vi.advanceTimersByTimeAsync(60_000); // 08:59:30
    expect(store.pushRuns().filter((r) => r.kind === 'halfMonth')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000); // 09:00:30
    // a run is recorded first and its messages written after it, a few groups at a time
    await vi.waitFor(() =>
      expect(store.pushRuns().filter((r) => r.kind === 'halfMonth' && !r.writing)).toHaveLength(1),
    );
    await worker.idle();
    expect(sent.some((t) => t.startsWith('半月调度'))).toBe(true);
    await pushes.stop();
  });
});
