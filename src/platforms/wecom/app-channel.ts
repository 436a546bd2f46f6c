import { renderPlainText } from '../../render/plain-text.ts';
import { splitByBytes } from '../../render/split-bytes.ts';
import { renderWecomMarkdown } from '../../render/wecom-markdown.ts';
import { zh } from '../../text/zh.ts';
import type { PushChannel } from '../platform.ts';
import { APP_TEXT_LIMIT, type WecomAppSender } from './app-sender.ts';

/**
 * The self-built app's replies to one member (chat `user:<userid>`), through the app's message-send
 * API: plain text, cut at its 2,048 bytes.
 */
export function wecomAppChannel(deps: { sender: WecomAppSender }): PushChannel {
  return {
    platform: 'wecom-app',
    limit: APP_TEXT_LIMIT,
    privateOnly: true,
    // a binding made in a member's own conversation gets the pushes as the groups do
    renderPush: renderWecomMarkdown,
    render: renderPlainText,
    async send(item) {
      const touser = item.chatId.startsWith('user:') ? item.chatId.slice('user:'.length) : '';
      if (!touser || item.image) return { ok: false, error: zh.wecomAppTextOnly, permanent: true };
      for (const content of splitByBytes(item.body, APP_TEXT_LIMIT)) {
        const outcome = await deps.sender.sendText(touser, content);
        if (!outcome.ok) return outcome;
      }
      return { ok: true };
    },
  };
}
