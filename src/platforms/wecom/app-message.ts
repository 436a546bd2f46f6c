import type { IncomingMessage } from '../../core/incoming.ts';
import { xmlField } from './xml.ts';

/**
 * The self-built app's decrypted callback XML as a message: text is read, a voice message by its
 * `Recognition` (present only when 语音识别 is enabled for the app), an image or file alone is
 * answered with what the bot can do; events and other kinds get no answer.
 * https://developer.work.weixin.qq.com/document/path/90239 (接收普通消息)
 */
export function decodeAppMessage(inner: string): IncomingMessage | null {
  const from = xmlField(inner, 'FromUserName');
  if (!from) return null;
  const message = {
    platform: 'wecom-app',
    messageId: xmlField(inner, 'MsgId'),
    chatId: null,
    chatType: 'single' as const,
    senderId: from,
  };
  switch (xmlField(inner, 'MsgType')) {
    case 'text': {
      const content = xmlField(inner, 'Content');
      return content === null ? null : { ...message, text: content };
    }
    case 'voice':
      return { ...message, kind: 'voice', text: xmlField(inner, 'Recognition') ?? '' };
    case 'image':
      return { ...message, kind: 'image', text: '' };
    case 'file':
      return { ...message, kind: 'file', text: '' };
    default:
      return null;
  }
}
