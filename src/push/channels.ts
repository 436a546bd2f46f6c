import { readFile } from 'node:fs/promises';
import type { OutboxItem } from '../../storage/schema.ts';
import type { Reply } from '../core/reply.ts';
import type { DeliveryStatus } from '../delivery/delivery-status.ts';
import { type DingtalkSender, imageMarkdown, type Markdown } from '../platforms/dingtalk/sender.ts';
import { imagePayload, keyFingerprint, type WecomWebhookSender } from '../platforms/wecom/webhook-sender.ts';
import { renderDingtalkMarkdown } from '../render/dingtalk-markdown.ts';
import { renderWecomMarkdown } from '../render/wecom-markdown.ts';
import type { ImageShelf } from '../server/image-shelf.ts';

/** `retryAfterMs`: the platform throttled the robot; the outbox keeps the item pending that long. */
export type SendOutcome =
  | { ok: true }
  | { ok: false; error: string; permanent: boolean; retryAfterMs?: number };

/** One platform's way of delivering an outbox item to a group. */
export interface PushChannel {
  platform: string;
  /** Splits a message into the platform's parts (byte limits differ). */
  limit: number;
  /** Sends a push, or a reply through its own url when it still has one, else to its group. */
  send(item: OutboxItem): Promise<SendOutcome>;
  /** The rate window the item would go through: how long until it admits a send, and how many now. */
  capacity?(item: OutboxItem): { waitMs: number; free: number };
  /** Renders merged confirmations in the platform's markdown. */
  render?(reply: Reply): string;
  /** A reply's own url takes one message (WeCom response_url): further parts go to the group. */
  replyUrlOnce?: boolean;
  /**
   * Whether a push to this chat can @-mention the members an item names in `atUserIds`; where it
   * cannot (DingTalk's OpenAPI group send), the message should name them in bold instead.
   */
  canMention?(chatId: string): boolean;
}

const UNLIMITED = { waitMs: 0, free: Number.POSITIVE_INFINITY };

export function wecomChannel(deps: {
  sender: WecomWebhookSender;
  webhookKeyFor: (chatId: string) => string | null;
  status: DeliveryStatus;
  /** Answers through a message's response_url (the reply's own url). */
  respond?: (url: string, content: string) => Promise<SendOutcome>;
}): PushChannel {
  return {
    platform: 'wecom',
    limit: 4096,
    render: renderWecomMarkdown,
    replyUrlOnce: true,
    capacity(item) {
      if (item.reply?.url) return UNLIMITED;
      const key = deps.webhookKeyFor(item.chatId);
      return key ? deps.sender.capacity(key) : UNLIMITED;
    },
    async send(item) {
      if (item.reply?.url) {
        if (!deps.respond) return { ok: false, error: 'response_url 未启用', permanent: true };
        return deps.respond(item.reply.url, item.body);
      }
      const key = deps.webhookKeyFor(item.chatId);
      if (!key) return { ok: false, error: '本群没有配置群机器人（WECOM_WEBHOOK_KEYS）', permanent: true };
      const payload = item.image
        ? imagePayload(await readFile(item.body))
        : ({ msgtype: 'markdown', markdown: { content: item.body } } as const);
      const result = await deps.sender.send(key, [payload], 'return');
      if (!result.failed) return { ok: true };
      if (result.retryAfterMs)
        return { ok: false, error: result.failed, permanent: false, retryAfterMs: result.retryAfterMs };
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
    render: renderDingtalkMarkdown,
    // a custom robot takes `at.atUserIds`; the app robot's OpenAPI group send has no @
    canMention: (chatId) => deps.sender.hasCustomRobot(chatId),
    capacity(item) {
      return deps.sender.capacity(
        item.reply?.url ? { session: item.reply.url } : { conversationId: item.chatId },
      );
    },
    async send(item) {
      const at = item.atUserIds?.length ? { atUserIds: item.atUserIds } : {};
      if (item.reply?.url) {
        const result = await deps.sender.replyInSession(item.reply.url, [
          { title: item.title, text: item.body, ...at },
        ]);
        if (!result.failed) return { ok: true };
        if (result.retryAfterMs)
          return { ok: false, error: result.failed, permanent: false, retryAfterMs: result.retryAfterMs };
        // PacedDelivery has already retried what a retry could fix: the group is the way left
        return { ok: false, error: result.failed, permanent: true };
      }
      let part: Markdown = { title: item.title, text: item.body, ...at };
      if (item.image) {
        const png = await readFile(item.body);
        const url = deps.images.put(png);
        if (url) part = imageMarkdown(item.title, url, '（文字版见上一条）');
        else if (deps.sender.hasCustomRobot(item.chatId))
          // a custom robot has no token to upload with: only a link it can show
          return {
            ok: false,
            error: '未设置 SAIMA_PUBLIC_URL，钉钉自定义机器人无法发送图片（文字版已发送）',
            permanent: true,
          };
        else return outcomeOf(await deps.sender.pushImage(item.chatId, png), deps.status);
      }
      return outcomeOf(await deps.sender.pushToGroup(item.chatId, [part]), deps.status);
    },
  };
}

function outcomeOf(
  result: { failed: string | null; retryAfterMs?: number },
  status: DeliveryStatus,
): SendOutcome {
  if (!result.failed) return { ok: true };
  if (result.retryAfterMs)
    return { ok: false, error: result.failed, permanent: false, retryAfterMs: result.retryAfterMs };
  const dead = status.all().some((s) => s.dead && s.lastError === result.failed);
  return { ok: false, error: result.failed, permanent: dead };
}
