import { createHash } from 'node:crypto';
import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { DeliveryStatus } from '../../../src/delivery/delivery-status.ts';
import {
  imagePayload,
  markdownParts,
  WecomWebhookSender,
} from '../../../src/platforms/wecom/webhook-sender.ts';
import { fakeWecom } from '../../helpers/fake-wecom.ts';

let fake: Awaited<ReturnType<typeof fakeWecom>>;
let status: DeliveryStatus;

beforeEach(async () => {
  fake = await fakeWecom();
  status = new DeliveryStatus();
});

afterEach(async () => {
  await fake.close();
});

describe('pushing to a group through its robot', () => {
  function sender(now = () => Date.now(), sleep: (ms: number) => Promise<void> = async () => {}) {
    return new WecomWebhookSender({
      apiBase: fake.base,
      http: axios.create({ proxy: false }),
      logger: silentLogger,
      status,
      now,
      sleep,
    });
  }
  const longReply: Reply = {
    tone: 'info',
    title: '很长的通报',
    lines: Array.from({ length: 300 }, (_, i) => `第${i}行：工业园区管委会 合同额 5.72亿/5.32亿（107.5%）`),
  };

  it('splits a reply over 4096 bytes into parts that arrive in order', async () => {
    const parts = markdownParts(longReply);
    expect(parts.length).toBeGreaterThan(2);
    const result = await sender().send('k-long', parts);
    expect(result).toEqual({ delivered: parts.length, failed: null });
    const lines = fake.pushes
      .flatMap((p) => (p.body.markdown?.content ?? '').split('\n'))
      .filter((l) => l.startsWith('第'));
    expect(lines.map((l) => Number(/第(\d+)行/.exec(l)?.[1]))).toEqual(
      Array.from({ length: 300 }, (_, i) => i),
    );
  });

  it('retries 45009 a minute later, each time, and delivers the message exactly once', async () => {
    fake.answer('k-busy', 45009, 45009);
    const waits: number[] = [];
    let clock = 0;
    const result = await sender(
      () => clock,
      async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    ).send('k-busy', markdownParts({ tone: 'info', title: '通报', lines: ['一行'] }));
    expect(result).toEqual({ delivered: 1, failed: null });
    expect(fake.attempts.filter((a) => a.key === 'k-busy')).toHaveLength(3);
    expect(fake.pushes.filter((p) => p.key === 'k-busy')).toHaveLength(1);
    expect(clock).toBeGreaterThanOrEqual(2 * 60_000);
  });

  it('stops at 93000, marks the destination dead and never logs the key', async () => {
    fake.answer('secret-key-93000', 93000);
    const lines: string[] = [];
    const logger = {
      info: () => {},
      warn: (e: string, f?: object) => lines.push(`${e} ${JSON.stringify(f)}`),
      error: (e: string, f?: object) => lines.push(`${e} ${JSON.stringify(f)}`),
    };
    const s = new WecomWebhookSender({
      apiBase: fake.base,
      http: axios.create({ proxy: false }),
      logger,
      status,
      sleep: async () => {},
    });
    const result = await s.send('secret-key-93000', markdownParts(longReply));
    expect(result.delivered).toBe(0);
    expect(result.failed).toMatch(/93000/);
    expect(
      await s.send('secret-key-93000', markdownParts({ tone: 'info', title: 'x', lines: [] })),
    ).toMatchObject({ delivered: 0 });
    expect(fake.attempts.filter((a) => a.key === 'secret-key-93000')).toHaveLength(1);
    expect(status.all()).toEqual([
      expect.objectContaining({ dead: true, lastError: expect.stringMatching(/93000/) }),
    ]);
    expect(lines.join('\n')).toMatch(/wecom_push_failed/);
    expect(lines.join('\n')).not.toContain('secret-key-93000');
    expect(JSON.stringify(status.all())).not.toContain('secret-key-93000');
  });

  it('stops at 93004 (robot disabled) after one try and marks the destination dead', async () => {
    fake.answer('disabled-robot-key', 93004);
    const result = await sender().send('disabled-robot-key', markdownParts(longReply));
    expect(result).toMatchObject({ delivered: 0, failed: expect.stringMatching(/93004/) });
    expect(fake.attempts.filter((a) => a.key === 'disabled-robot-key')).toHaveLength(1);
    expect(status.all()).toEqual([expect.objectContaining({ dead: true })]);
  });

  it('hands a 45009 back to the durable outbox with a one-minute wait when asked to', async () => {
    fake.answer('busy-robot-key', 45009);
    const s = sender();
    const result = await s.send('busy-robot-key', markdownParts(longReply), 'return');
    expect(result).toMatchObject({ delivered: 0, retryAfterMs: 60_000 });
    expect(s.capacity('busy-robot-key').waitMs).toBeGreaterThan(55_000);
    expect(status.all()).toEqual([expect.objectContaining({ dead: false })]);
  });

  it('sends at most 20 messages a minute per robot', async () => {
    let clock = 0;
    const s = sender(
      () => clock,
      async (ms) => {
        clock += ms;
      },
    );
    const sentAt: number[] = [];
    for (let i = 0; i < 45; i++) {
      await s.send('k-rate', markdownParts({ tone: 'info', title: `第${i}条`, lines: [] }));
      sentAt.push(clock);
    }
    for (let i = 20; i < sentAt.length; i++)
      expect((sentAt[i] as number) - (sentAt[i - 20] as number)).toBeGreaterThanOrEqual(60_000);
    expect(fake.pushes.filter((p) => p.key === 'k-rate')).toHaveLength(45);
  });

  it('sends a PNG as an image with base64 and the md5 of the raw bytes', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await sender().send('k-img', [imagePayload(png)]);
    const body = fake.pushes[0]?.body;
    expect(body?.msgtype).toBe('image');
    expect(Buffer.from(body?.image?.base64 ?? '', 'base64')).toEqual(png);
    expect(body?.image?.md5).toBe(createHash('md5').update(png).digest('hex'));
  });
});
