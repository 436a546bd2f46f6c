import { readFile } from 'node:fs/promises';
import type { OutboxItem } from '../../storage/schema.ts';
import type { DeliveryStatus } from '../delivery/delivery-status.ts';
import { type DingtalkSender, imageMarkdown } from '../platforms/dingtalk/sender.ts';
import { imagePayload, keyFingerprint, type WecomWebhookSender } from '../platforms/wecom/webhook-sender.ts';
import type { ImageShelf } from '../server/image-shelf.ts';

export type SendOutcome = { ok: true } | { ok: false; error: string; permanent: boolean };

/** One platform's way of delivering an outbox item to a group. */
export interface PushChannel {
  platform: string;
  /** Splits a message into the platform's parts (byte limits differ). */
  limit: number;
  send(item: OutboxItem): Promise<SendOutcome>;
}

export function wecomChannel(deps: {
  sender: WecomWebhookSender;
  webhookKeyFor: (chatId: string) => string | null;
  status: DeliveryStatus;
}): PushChannel {
  return {
    platform: 'wecom',
    limit: 4096,
    async send(item) {
      const key = deps.webhookKeyFor(item.chatId);
      if (!key) return { ok: false, error: '本群没有配置群机器人（WECOM_WEBHOOK_KEYS）', permanent: true };
      const payload = item.image
        ? imagePayload(await readFile(item.body))
        : ({ msgtype: 'markdown', markdown: { content: item.body } } as const);
      const result = await deps.sender.send(key, [payload]);
      if (!result.failed) return { ok: true };
      return { ok: false, error: result.failed, permanent: deps.status.isDead(keyFingerprint(key)) };
    },
  };
}

export function dingtalkChannel(deps: {
  sender: DingtalkSender;
  images: ImageShelf;
  status: DeliveryStatus;
}): PushChannel {
  return {
    platform: 'dingtalk',
    limit: 14_000,
    async send(item) {
      let part = { title: item.title, text: item.body };
      if (item.image) {
        const url = deps.images.put(await readFile(item.body));
        if (!url)
          return {
            ok: false,
            error: '未设置 SAIMA_PUBLIC_URL，钉钉无法显示图片（文字版已发送）',
            permanent: true,
          };
        part = imageMarkdown(item.title, url, '（文字版见上一条）');
      }
      const result = await deps.sender.pushToGroup(item.chatId, [part]);
      if (!result.failed) return { ok: true };
      const dead = deps.status.all().some((s) => s.dead && s.lastError === result.failed);
      return { ok: false, error: result.failed, permanent: dead };
    },
  };
}
