import { z } from 'zod';
import type { IncomingMessage } from '../../core/incoming.ts';

// https://open.dingtalk.com/document/orgapp/receive-message (机器人接收消息 字段)
export const robotMessageSchema = z.object({
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  msgId: z.string().min(1),
  createAt: z.number().optional(),
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

/** `senderStaffId` is the member's account; a group's `conversationId` is what 绑定本群 binds. */
export function decodeRobotMessage(m: RobotMessage): IncomingMessage | null {
  if (m.msgtype !== 'text' || !m.text || !m.senderStaffId) return null;
  return {
    platform: 'dingtalk',
    messageId: m.msgId,
    chatId: m.conversationId,
    chatType: m.conversationType === '2' ? 'group' : 'single',
    senderId: m.senderStaffId,
    senderName: m.senderNick,
    text: m.text.content,
  };
}
