import { z } from 'zod';
import type { IncomingMessage, MessageKind } from '../../core/incoming.ts';

const richText = z.array(z.object({ text: z.string().optional() })).default([]);

// an unexpected shape in a part we only read text from must not refuse the whole message
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

// https://open.dingtalk.com/document/orgapp/receive-message (机器人接收消息 字段)
export const robotMessageSchema = z.object({
  msgtype: z.string(),
  text: z
    .object({
      content: z.string(),
      // a quoted reply: the quoted message (not in the receive-message page; as DingTalk sends it)
      isReplyMsg: z.boolean().optional(),
      repliedMsg: lenient(
        z.object({
          msgType: z.string().optional(),
          content: z.union([
            z.string(),
            z.object({ text: z.string().optional(), richText: richText.optional() }),
          ]),
        }),
      ),
    })
    .optional(),
  // audio: recognition (the transcript), downloadCode, duration; picture / file: downloadCode; richText
  content: lenient(
    z.object({
      recognition: z.string().optional(),
      richText: richText.optional(),
    }),
  ),
  msgId: z.string().min(1),
  createAt: z.union([z.number(), z.string()]).optional(),
  conversationType: z.enum(['1', '2']),
  conversationId: z.string().min(1),
  conversationTitle: z.string().optional(),
  senderStaffId: z.string().optional(),
  senderNick: z.string().optional(),
  senderId: z.string().optional(),
  robotCode: z.string().optional(),
  sessionWebhook: z.string().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
});

export type RobotMessage = z.infer<typeof robotMessageSchema>;

const richTextOf = (items: { text?: string }[] | undefined) =>
  (items ?? []).flatMap((i) => (i.text ? [i.text] : [])).join('\n');

function read(m: RobotMessage): { kind: MessageKind; text: string } | null {
  switch (m.msgtype) {
    case 'text':
      return m.text ? { kind: 'text', text: m.text.content } : null;
    // DingTalk sends the speech already transcribed
    case 'audio':
      return { kind: 'voice', text: m.content?.recognition ?? '' };
    case 'richText': {
      const text = richTextOf(m.content?.richText);
      return text.trim() ? { kind: 'text', text } : { kind: 'image', text: '' };
    }
    case 'picture':
      return { kind: 'image', text: '' };
    case 'file':
      return { kind: 'file', text: '' };
    default:
      return null;
  }
}

function quoteOf(m: RobotMessage): string | undefined {
  const replied = m.text?.repliedMsg;
  if (!replied) return undefined;
  const c = replied.content;
  const text = typeof c === 'string' ? c : (c.text ?? richTextOf(c.richText));
  return text || undefined;
}

/**
 * `senderStaffId` is the member's account; a group's `conversationId` is what 绑定本群 binds. A
 * sender without one (an external member, or a robot not yet published) is answered, never read.
 */
export function decodeRobotMessage(m: RobotMessage): IncomingMessage | null {
  const got = read(m);
  if (!got) return null;
  const quote = quoteOf(m);
  return {
    platform: 'dingtalk',
    messageId: m.msgId,
    chatId: m.conversationId,
    chatType: m.conversationType === '2' ? 'group' : 'single',
    senderId: m.senderStaffId || `unidentified:${m.senderId ?? m.conversationId}`,
    senderName: m.senderNick,
    text: got.text,
    ...(got.kind === 'text' ? {} : { kind: got.kind }),
    ...(quote ? { quote } : {}),
    ...(m.senderStaffId ? {} : { senderUnidentified: true }),
  };
}
