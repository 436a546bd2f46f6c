import type { AxiosInstance } from 'axios';
import { type Logger, silentLogger } from '../../src/core/logger.ts';
import type { DeliveryStatus } from '../../src/delivery/delivery-status.ts';
import type { PushChannel } from '../../src/delivery/push-channel.ts';
import { ReplyOutbox } from '../../src/delivery/reply-outbox.ts';
import { dingtalkChannel } from '../../src/platforms/dingtalk/channel.ts';
import type { DingtalkSender } from '../../src/platforms/dingtalk/sender.ts';
import { wecomChannel } from '../../src/platforms/wecom/group-channel.ts';
import { postToResponseUrl } from '../../src/platforms/wecom/response-url.ts';
import type { WecomWebhookSender } from '../../src/platforms/wecom/webhook-sender.ts';
import { OutboxWorker } from '../../src/push/outbox-worker.ts';
import { ImageShelf } from '../../src/server/image-shelf.ts';
import { type Clock, systemClock } from '../../src/time/clock.ts';
import type { Store } from '../../storage/store.ts';

/**
 * Time that moves only when the test says so: `sleep` resolves once `advance` has passed its end.
 * Senders and the outbox worker share it, so a full rate window stays full until the test moves on.
 */
export function virtualTime(start: string | number) {
  let now = typeof start === 'number' ? start : Date.parse(start);
  const sleepers: Array<{ until: number; wake: () => void }> = [];
  return {
    now: () => now,
    clock: { now: () => new Date(now) } as Clock,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        sleepers.push({ until: now + ms, wake });
      }),
    advance(ms: number) {
      now += ms;
      for (const s of sleepers.splice(0)) {
        if (s.until <= now) s.wake();
        else sleepers.push(s);
      }
    },
    /** How many are waiting for time to pass. */
    waiting: () => sleepers.length,
  };
}

/** The durable reply path as `main.ts` wires it: replies go to the outbox, the worker delivers them. */
export function replyPipeline(
  store: Store,
  channels: PushChannel[],
  time: { clock: Clock; sleep?: (ms: number) => Promise<void> } = { clock: systemClock },
  logger: Logger = silentLogger,
) {
  const replies = new ReplyOutbox({ store, clock: time.clock, logger });
  const worker = new OutboxWorker({
    store,
    channels: new Map(channels.map((c) => [c.platform, c])),
    logger,
    clock: time.clock,
    sleep: time.sleep,
  });
  replies.onQueued = (chat) => worker.wake(chat);
  return { replies, worker };
}

export function dingtalkReplyChannel(sender: DingtalkSender, status: DeliveryStatus): PushChannel {
  return dingtalkChannel({ sender, images: new ImageShelf(null), status });
}

export function wecomReplyChannel(deps: {
  sender: WecomWebhookSender;
  status: DeliveryStatus;
  webhookKeyFor: (chatId: string) => string | null;
  http: AxiosInstance;
  apiBase: string;
}): PushChannel {
  return wecomChannel({
    ...deps,
    respond: (url, content) => postToResponseUrl({ http: deps.http, apiBase: deps.apiBase }, url, content),
  });
}
