import { readFile } from 'node:fs/promises';
import type { OutboxItem } from '../../../storage/schema.ts';
import type { DeliveryStatus } from '../../delivery/delivery-status.ts';
import { splitByBytes } from '../../render/split-bytes.ts';
import { renderWecomMarkdown } from '../../render/wecom-markdown.ts';
import { renderWecomMarkdownV2 } from '../../render/wecom-markdown-v2.ts';
import { zh } from '../../text/zh.ts';
import type { PushChannel, SendOutcome } from '../platform.ts';
import {
  imagePayload,
  keyFingerprint,
  WECOM_MARKDOWN_LIMIT,
  type WecomPayload,
  type WecomWebhookSender,
} from './webhook-sender.ts';

const UNLIMITED = { waitMs: 0, free: Number.POSITIVE_INFINITY };

/** A WeCom group through its 消息推送 robot key, and replies through their response_url. */
export function wecomChannel(deps: {
  sender: WecomWebhookSender;
  webhookKeyFor: (chatId: string) => string | null;
  status: DeliveryStatus;
  /** Answers through a message's response_url (the reply's own url). */
  respond?: (url: string, content: string) => Promise<SendOutcome>;
}): PushChannel {
  /**
   * A reply is markdown_v2 (it began as the AI bot's answer, up to 20,480 bytes for response_url):
   * through the group robot it stays markdown_v2, cut at the robot's 4,096. A push is markdown v1,
   * with colours.
   */
  const groupPayloads = (item: OutboxItem): WecomPayload[] =>
    item.reply
      ? splitByBytes(item.body, WECOM_MARKDOWN_LIMIT).map((content) => ({
          msgtype: 'markdown_v2',
          markdown_v2: { content },
        }))
      : [{ msgtype: 'markdown', markdown: { content: item.body } }];
  return {
    platform: 'wecom',
    limit: WECOM_MARKDOWN_LIMIT,
    renderPush: renderWecomMarkdown,
    // a group without a robot key cannot be pushed to (the AI bot only answers)
    canPush: (chatId) => deps.webhookKeyFor(chatId) !== null,
    // merged confirmations are replies: rendered as replies are
    render: renderWecomMarkdownV2,
    replyUrlOnce: true,
    // https://developer.work.weixin.qq.com/document/path/99110: text and markdown content take <@userid>
    mention: (_chatId, people) => ({
      text: people.map((p) => `<@${p.account}>`).join(' '),
      ids: people.map((p) => p.account),
    }),
    capacity(item) {
      if (item.reply?.url) return UNLIMITED;
      const key = deps.webhookKeyFor(item.chatId);
      return key ? deps.sender.capacity(key) : UNLIMITED;
    },
    async send(item) {
      if (item.reply?.url) {
        if (!deps.respond) return { ok: false, error: zh.wecomResponseUrlOff, permanent: true };
        return deps.respond(item.reply.url, item.body);
      }
      const key = deps.webhookKeyFor(item.chatId);
      if (!key) return { ok: false, error: zh.wecomNoGroupRobot, permanent: true };
      const payloads = item.image ? [imagePayload(await readFile(item.body))] : groupPayloads(item);
      const result = await deps.sender.send(key, payloads, 'return');
      if (!result.failed) return { ok: true };
      if (result.retryAfterMs)
        return { ok: false, error: result.failed, permanent: false, retryAfterMs: result.retryAfterMs };
      return { ok: false, error: result.failed, permanent: deps.status.isDead(keyFingerprint(key)) };
    },
  };
}
