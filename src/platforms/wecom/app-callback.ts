import type { IncomingMessage } from '../../core/incoming.ts';
import type { Reply } from '../../core/reply.ts';
import { renderPlainText } from '../../render/plain-text.ts';
import { splitByBytes } from '../../render/split-bytes.ts';
import type { CallbackExchange } from '../../server/callback-exchange.ts';
import { zh } from '../../text/zh.ts';
import { decodeAppMessage } from './app-message.ts';
import { APP_TEXT_LIMIT } from './app-sender.ts';
import { openCallback, type Query, refuseAs, withinDeadline } from './callback-request.ts';
import { encrypt, signature } from './crypto.ts';
import type { CallbackContext } from './receiver.ts';
import { cdata, xmlField } from './xml.ts';

/**
 * `POST /webhook/wecom-app`, the self-built app's callback: the answer as the passive XML reply when
 * ready in time; late and long answers through the app's message-send API when it can send.
 */
export function appCallback({ deps, now, replyDeadline, envelope, deliver, replyOf }: CallbackContext) {
  /**
   * The self-built app's answer through its message-send API, via the durable outbox: the member's
   * own conversation (`user:<userid>`) is where it goes, as a group is for the AI bot.
   */
  const sendThroughApp = (message: IncomingMessage, reply: Reply | null, parts: string[]) => {
    if (parts.length === 0) return;
    deps.replies.enqueue({
      message,
      reply,
      parts: parts.map((body) => ({ title: reply?.title ?? '', body })),
      url: null,
      group: `user:${message.senderId}`,
    });
  };

  return async (exchange: CallbackExchange, query: Query, body: string) => {
    const corpId = deps.corpId as string;
    // only <Encrypt> is read from the outer body, which is not authenticated until it is checked
    const encrypted = xmlField(body, 'Encrypt');
    if (!encrypted) {
      refuseAs(exchange, deps.logger, 400, 'malformed');
      return;
    }
    const opened = openCallback(exchange, envelope(corpId), { query, encrypted }, String, decodeAppMessage);
    if (!opened) return;
    const { message } = opened;
    const from = message.senderId;
    const { received, first } = deliver(message);
    const work = received.then(replyOf);
    const outcome = first ? await withinDeadline(work, replyDeadline) : null;
    if (outcome === 'late' || outcome === null) {
      exchange.end(200);
      if (outcome === 'late' && deps.appCanSend) {
        void work
          .then(
            (reply) =>
              reply && sendThroughApp(message, reply, splitByBytes(renderPlainText(reply), APP_TEXT_LIMIT)),
          )
          .catch((e: unknown) =>
            deps.logger.error('wecom_reply_failed', { messageId: message.messageId, error: String(e) }),
          );
      }
      return;
    }
    const parts = splitByBytes(renderPlainText(outcome), APP_TEXT_LIMIT - 64);
    const rest = deps.appCanSend ? parts.slice(1) : [];
    const text =
      parts.length > 1 && !deps.appCanSend ? zh.wecomAppTruncated(parts[0] as string) : (parts[0] as string);
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const plain = `<xml><ToUserName>${cdata(from)}</ToUserName><FromUserName>${cdata(corpId)}</FromUserName><CreateTime>${timestamp}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(text)}</Content></xml>`;
    const enc = encrypt(deps.key, plain, corpId);
    exchange.text(
      200,
      'application/xml',
      `<xml><Encrypt>${cdata(enc)}</Encrypt><MsgSignature>${cdata(signature(deps.token, timestamp, query.nonce, enc))}</MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(query.nonce)}</Nonce></xml>`,
    );
    // after the passive reply is on its way, so the rest follows the beginning
    try {
      sendThroughApp(message, null, rest);
    } catch (e) {
      deps.logger.error('wecom_reply_failed', { messageId: message.messageId, error: String(e) });
    }
  };
}
