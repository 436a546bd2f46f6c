import { z } from 'zod';
import type { IncomingMessage } from '../../core/incoming.ts';

// https://developer.work.weixin.qq.com/document/path/100719 (智能机器人 接收消息)
export const aiBotMessageSchema = z.object({
  msgid: z.union([z.string(), z.number()]).transform(String),
  aibotid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.enum(['single', 'group']).default('single'),
  from: z.object({ userid: z.string().min(1) }),
  response_url: z.string().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
});

export type AiBotMessage = z.infer<typeof aiBotMessageSchema>;

/** Only text messages are commands; images, voice and events get no reply. */
export function decodeAiBotMessage(m: AiBotMessage): IncomingMessage | null {
  if (m.msgtype !== 'text' || !m.text) return null;
  const group = m.chattype === 'group' && m.chatid;
  return {
    platform: 'wecom',
    messageId: m.msgid,
    chatId: group ? (m.chatid as string) : null,
    chatType: group ? 'group' : 'single',
    senderId: m.from.userid,
    text: m.text.content,
  };
}
