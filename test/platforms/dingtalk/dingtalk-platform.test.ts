import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import type { Logger } from '../../../src/core/logger.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import { ReplyOutbox } from '../../../src/delivery/reply-outbox.ts';
import { dingtalkFromConfig } from '../../../src/platforms/dingtalk/dingtalk-platform.ts';
import type { StreamConnection } from '../../../src/platforms/dingtalk/stream.ts';
import { OutboxWorker } from '../../../src/push/outbox-worker.ts';
import type { JournalRecord } from '../../../storage/journal-record.ts';
import { MemoryPersistence } from '../../../storage/persistence.ts';
import { smallDistrict } from '../../helpers/conversation.ts';
import { fakeDingtalk, robotMessage } from '../../helpers/fake-dingtalk.ts';
import { dingtalkReplyChannel } from '../../helpers/reply-pipeline.ts';

class Disk extends MemoryPersistence {
  full = false;
  override append(record: JournalRecord): void {
    if (this.full)
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    super.append(record);
  }
}

let fake: Awaited<ReturnType<typeof fakeDingtalk>> | null = null;
let stream: StreamConnection | null = null;

afterEach(async () => {
  stream?.close();
  await fake?.close();
});

describe('DingTalk in Stream mode, composed from the configuration', () => {
  it('leaves a message the store refused unacknowledged, so DingTalk delivers it again, and stores the redelivery once', async () => {
    fake = await fakeDingtalk({ appKey: 'k', appSecret: 's', robots: {} });
    const disk = new Disk();
    const c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00', persistence: disk });
    const logged: string[] = [];
    const logger: Logger = {
      info: (e) => logged.push(e),
      warn: (e) => logged.push(e),
      error: (e) => logged.push(e),
    };
    const config = loadConfig({
      DINGTALK_APP_KEY: 'k',
      DINGTALK_APP_SECRET: 's',
      DINGTALK_MODE: 'stream',
      DINGTALK_API_BASE: fake.base,
      DINGTALK_OAPI_BASE: fake.base,
    });
    const status = new DeliveryStatus();
    const replies = new ReplyOutbox({ store: c.store, clock: c.clock, logger });
    const dingtalk = dingtalkFromConfig(config, { bot: c.bot, logger, status, replies });
    if (!dingtalk) throw new Error('DingTalk is configured');
    const worker = new OutboxWorker({
      store: c.store,
      channels: new Map([['dingtalk', dingtalkReplyChannel(dingtalk.sender, status)]]),
      logger,
      clock: c.clock,
    });
    replies.onQueued = (chat) => worker.wake(chat);
    stream = dingtalk?.startStream() ?? null;
    await expect.poll(() => fake?.connected()).toBe(1);
    const body = robotMessage({
      msgId: 'msg-full',
      staffId: 'lisi',
      content: '登记签约 磁盘满项目 合同额1亿 正式合同 日期2023-06-01',
      sessionWebhook: `${fake.base}/robot/sendBySession?session=s`,
    });
    disk.full = true;
    fake.pushRobotMessage('cb-full', body);
    await expect.poll(() => logged).toContain('dingtalk_stream_failed');
    expect(fake.acks).toHaveLength(0);
    expect(c.store.projects()).toHaveLength(0);
    disk.full = false;
    fake.pushRobotMessage('cb-full', body);
    await expect.poll(() => fake?.acks.length).toBe(1);
    expect(JSON.parse(fake.acks[0]?.data ?? '{}')).toEqual({ response: { ok: true } });
    expect(c.store.projects().map((p) => p.name)).toEqual(['磁盘满项目']);
    await expect.poll(() => fake?.sent.length).toBe(1);
  });
});
