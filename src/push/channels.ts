import { readFile } from 'node:fs/promises';
import type { OutboxItem } from '../../storage/schema.ts';
import type { Reply } from '../core/reply.ts';
import type { DeliveryStatus } from '../delivery/delivery-status.ts';
import { type DingtalkSender, imageMarkdown, type Markdown } from '../platforms/dingtalk/sender.ts';
import { APP_TEXT_LIMIT, type WecomAppSender } from '../platforms/wecom/app-sender.ts';
import {
  imagePayload,
  keyFingerprint,
  WECOM_MARKDOWN_LIMIT,
  type WecomPayload,
  type WecomWebhookSender,
} from '../platforms/wecom/webhook-sender.ts';
import { renderDingtalkMarkdown } from '../render/dingtalk-markdown.ts';
import { renderPlainText } from '../render/plain-text.ts';
import { splitByBytes } from '../render/split-bytes.ts';
import { renderWecomMarkdownV2 } from '../render/wecom-markdown-v2.ts';
import type { ImageShelf } from '../server/image-shelf.ts';
import type { Person } from './report-period.ts';

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
   * How a push @-mentions people in this group: the text for the body and the ids to pass beside it
   * (see `OutboxItem.atUserIds`). Without it, or where the group's way of sending cannot @, names in bold.
   */
  mention?(chatId: string, people: ReadonlyArray<Person>): { text: string; ids: string[] };
  /**
   * Whether a picture can reach this group at all; where it cannot, the push says so in its text
   * instead of queueing a picture that would fail and mark the group unreachable.
   */
  canShowPicture?(chatId: string): boolean;
}

/** Where a platform cannot @ in a channel, the people are named in bold. */
export function boldNames(people: ReadonlyArray<Person>): string {
  return people.map((p) => `**${p.name}**`).join('、');
}

const UNLIMITED = { waitMs: 0, free: Number.POSITIVE_INFINITY };

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
        if (!deps.respond) return { ok: false, error: 'response_url 未启用', permanent: true };
        return deps.respond(item.reply.url, item.body);
      }
      const key = deps.webhookKeyFor(item.chatId);
      if (!key) return { ok: false, error: '本群没有配置群机器人（WECOM_WEBHOOK_KEYS）', permanent: true };
      const payloads = item.image ? [imagePayload(await readFile(item.body))] : groupPayloads(item);
      const result = await deps.sender.send(key, payloads, 'return');
      if (!result.failed) return { ok: true };
      if (result.retryAfterMs)
        return { ok: false, error: result.failed, permanent: false, retryAfterMs: result.retryAfterMs };
      return { ok: false, error: result.failed, permanent: deps.status.isDead(keyFingerprint(key)) };
    },
  };
}

/**
 * The self-built app's replies to one member (chat `user:<userid>`), through the app's message-send
 * API: plain text, cut at its 2,048 bytes.
 */
export function wecomAppChannel(deps: { sender: WecomAppSender }): PushChannel {
  return {
    platform: 'wecom-app',
    limit: APP_TEXT_LIMIT,
    render: renderPlainText,
    async send(item) {
      const touser = item.chatId.startsWith('user:') ? item.chatId.slice('user:'.length) : '';
      if (!touser || item.image)
        return { ok: false, error: '自建应用只能回复成员本人的文字', permanent: true };
      for (const content of splitByBytes(item.body, APP_TEXT_LIMIT)) {
        const outcome = await deps.sender.sendText(touser, content);
        if (!outcome.ok) return outcome;
      }
      return { ok: true };
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
    // a custom robot @s with at.atUserIds plus @id in the text; the app robot's groupMessages/send has no @
    mention: (chatId, people) =>
      deps.sender.hasCustomRobot(chatId)
        ? { text: people.map((p) => `@${p.account}`).join(' '), ids: people.map((p) => p.account) }
        : { text: boldNames(people), ids: [] },
    // the app robot uploads pictures; a custom robot can only show a link the bot serves
    canShowPicture: (chatId) => deps.images.serves || !deps.sender.hasCustomRobot(chatId),
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
