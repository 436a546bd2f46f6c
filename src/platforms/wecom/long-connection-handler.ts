import type { IncomingMessage } from '../../core/incoming.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/reply.ts';
import type { LateReply } from '../../delivery/reply-outbox.ts';
import { splitByBytes } from '../../render/split-bytes.ts';
import { renderWecomMarkdownV2 } from '../../render/wecom-markdown-v2.ts';
import { answerOnce, type Respond } from '../answer-once.ts';
import { aiBotMessageSchema, decodeAiBotMessage } from './ai-bot-message.ts';
import type { Answer } from './long-connection.ts';
import { WECOM_MARKDOWN_LIMIT } from './webhook-sender.ts';

// https://developer.work.weixin.qq.com/document/path/101031 (stream content ≤ 20480 bytes)
const STREAM_LIMIT = 20_480;

/** The one place the long connection's answers are rendered (the stream takes markdown_v2). */
export const renderLongConnectionReply = (reply: Reply): string => renderWecomMarkdownV2(reply);

export interface LongConnectionHandlerDeps {
  /** What the pipeline made of the message, or null when its change is already stored (a redelivery). */
  respond: Respond;
  /** The durable outbox: what the answer frame cannot carry goes to the group's robot. */
  replies: { enqueue(late: LateReply): boolean };
  webhookKeyFor: (chatId: string) => string | null;
  /** Sends a reply's five-colour picture to the group's robot. */
  sendPicture?: (message: IncomingMessage, reply: Reply) => void;
  logger: Logger;
}

export type Handled = 'answered' | 'unsaved' | 'duplicate' | 'ignored';

/**
 * Handles one long-connection message: decode with the AI-bot decoder, run it once per msgid (in
 * flight or already stored), and answer over the connection only after the pipeline returned, so a
 * confirmation is never sent for a change the store did not keep.
 */
export function longConnectionHandler(deps: LongConnectionHandlerDeps) {
  const log = deps.logger;
  // held until the answer frame is sent: a redelivery meanwhile is a duplicate, even of a read
  const deliver = answerOnce(
    deps.respond,
    (message, e) =>
      log.error('wecom_longconn_handler_failed', { messageId: message.messageId, error: String(e) }),
    { holdWhileAnswering: true },
  );

  const groupOf = (message: IncomingMessage) =>
    message.chatId && deps.webhookKeyFor(message.chatId) ? message.chatId : null;

  const toGroup = (message: IncomingMessage, reply: Reply | null, texts: string[]) => {
    if (texts.length === 0) return;
    try {
      deps.replies.enqueue({
        message,
        reply,
        parts: texts
          .flatMap((t) => splitByBytes(t, WECOM_MARKDOWN_LIMIT))
          .map((body) => ({ title: reply?.title ?? '', body })),
        url: null,
        group: groupOf(message),
      });
    } catch (e) {
      log.error('wecom_reply_failed', { messageId: message.messageId, error: String(e) });
    }
  };

  return async (body: unknown, answer: Answer): Promise<Handled> => {
    const parsed = aiBotMessageSchema.safeParse(body);
    if (!parsed.success) {
      log.warn('wecom_longconn_malformed', {});
      return 'ignored';
    }
    const message = decodeAiBotMessage(parsed.data);
    if (!message) return 'ignored';
    const delivery = deliver(message);
    if (!delivery.first) return 'duplicate';
    try {
      const received = await delivery.received;
      if (!received) return 'duplicate';
      if (received.kind === 'dropped') return 'ignored';
      const reply = received.reply;
      const [first = '', ...rest] = splitByBytes(renderLongConnectionReply(reply), STREAM_LIMIT);
      const delivered = await answer(first);
      // a refusal reply says what was not kept; nothing of it is queued in a store that refuses writes
      if (received.kind === 'unsaved') return 'unsaved';
      if (!delivered) {
        log.warn('wecom_longconn_answer_failed', { messageId: message.messageId, chat: message.chatId });
        toGroup(message, reply, [first, ...rest]);
      } else {
        toGroup(message, null, rest);
      }
      deps.sendPicture?.(message, reply);
      return 'answered';
    } finally {
      delivery.done();
    }
  };
}
