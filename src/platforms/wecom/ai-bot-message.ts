import { z } from 'zod';
import type { IncomingMessage, MessageKind } from '../../core/incoming.ts';

const content = z.object({ content: z.string().default('') });
const media = z.object({ url: z.string().optional() });
const mixed = z.object({
  msg_item: z
    .array(z.object({ msgtype: z.string(), text: content.optional(), image: media.optional() }))
    .default([]),
});
/** The parts every kind shares, and a quoted message, which has its own msgtype. */
const body = {
  msgtype: z.string(),
  text: content.optional(),
  voice: content.optional(),
  // an unexpected shape in a part we only read text from must not refuse the whole message
  mixed: mixed.optional().catch(undefined),
  image: media.optional(),
  file: media.optional(),
};

// https://developer.work.weixin.qq.com/document/path/100719 (智能机器人 接收消息: 文本、图片、图文混排、语音、文件、引用)
export const aiBotMessageSchema = z.object({
  msgid: z.union([z.string(), z.number()]).transform(String),
  aibotid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.enum(['single', 'group']).default('single'),
  from: z.object({ userid: z.string().min(1) }),
  response_url: z.string().optional(),
  ...body,
  quote: z.object(body).optional().catch(undefined),
});

export type AiBotMessage = z.infer<typeof aiBotMessageSchema>;
type Body = Pick<AiBotMessage, keyof typeof body>;

/** The text of a message, its kind, or null for a kind the bot does not answer (events, stream refreshes). */
function read(m: Body): { kind: MessageKind; text: string } | null {
  switch (m.msgtype) {
    case 'text':
      return m.text ? { kind: 'text', text: m.text.content } : null;
    // WeCom sends the speech already transcribed
    case 'voice':
      return m.voice ? { kind: 'voice', text: m.voice.content } : null;
    case 'mixed': {
      const texts = (m.mixed?.msg_item ?? []).flatMap((i) =>
        i.msgtype === 'text' && i.text ? [i.text.content] : [],
      );
      const text = texts.join('\n');
      // a screenshot with no words is a picture alone
      return text.trim() ? { kind: 'text', text } : { kind: 'image', text: '' };
    }
    case 'image':
      return { kind: 'image', text: '' };
    case 'file':
      return { kind: 'file', text: '' };
    default:
      return null;
  }
}

/** Text, voice and mixed messages are read; an image or file alone is answered with what the bot can do. */
export function decodeAiBotMessage(m: AiBotMessage): IncomingMessage | null {
  const got = read(m);
  if (!got) return null;
  const group = m.chattype === 'group' && m.chatid;
  const quote = m.quote ? read(m.quote)?.text : undefined;
  return {
    platform: 'wecom',
    messageId: m.msgid,
    chatId: group ? (m.chatid as string) : null,
    chatType: group ? 'group' : 'single',
    senderId: m.from.userid,
    text: got.text,
    ...(got.kind === 'text' ? {} : { kind: got.kind }),
    ...(quote ? { quote } : {}),
  };
}
