import { readFile } from 'node:fs/promises';
import type { DeliveryStatus } from '../../delivery/delivery-status.ts';
import { renderDingtalkMarkdown } from '../../render/dingtalk-markdown.ts';
import type { ImageShelf } from '../../server/image-shelf.ts';
import { zh } from '../../text/zh.ts';
import { boldNames, type PushChannel, type SendOutcome } from '../platform.ts';
import { DINGTALK_TEXT_LIMIT, imageMarkdown, type Markdown } from './markdown.ts';
import type { DingtalkSender } from './sender.ts';

/** A DingTalk group through its custom robot or the app robot, and replies through their sessionWebhook. */
export function dingtalkChannel(deps: {
  sender: DingtalkSender;
  images: ImageShelf;
  status: DeliveryStatus;
}): PushChannel {
  return {
    platform: 'dingtalk',
    limit: DINGTALK_TEXT_LIMIT,
    renderPush: renderDingtalkMarkdown,
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
        if (url) part = imageMarkdown(item.title, url, zh.textVersionAbove);
        else if (deps.sender.hasCustomRobot(item.chatId))
          // a custom robot has no token to upload with: only a link it can show
          return {
            ok: false,
            error: zh.dingtalkNoPublicUrl,
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
