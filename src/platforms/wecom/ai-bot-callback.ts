import type { IncomingMessage } from '../../core/incoming.ts';
import type { Reply } from '../../core/reply.ts';
import { splitByBytes } from '../../render/split-bytes.ts';
import { renderWecomMarkdownV2 } from '../../render/wecom-markdown-v2.ts';
import type { CallbackExchange } from '../../server/callback-exchange.ts';
import { aiBotMessageSchema, decodeAiBotMessage } from './ai-bot-message.ts';
import { openCallback, type Query, refuseAs, withinDeadline } from './callback-request.ts';
import { encrypt, signature } from './crypto.ts';
import { randomHex } from './random-pool.ts';
import type { CallbackContext } from './receiver.ts';
import { ownsResponseUrl, RESPONSE_URL_LIMIT, RESPONSE_URL_TTL_MS } from './response-url.ts';
import { imagePayload, WECOM_MARKDOWN_LIMIT } from './webhook-sender.ts';

// https://developer.work.weixin.qq.com/document/path/101031 (被动回复: stream content ≤ 20480 bytes)
const STREAM_LIMIT = 20_480;
/** WeCom waits 5 s for the passive reply: a picture not drawn by then goes to the group robot. */
const PICTURE_GRACE_MS = 1_000;

/**
 * `POST /webhook/wecom`, the AI bot's callback: the answer as a finished stream in the HTTP response
 * when it is ready in time, else through the message's response_url; what one answer cannot carry
 * goes to the group's robot.
 */
const parseAiBot = (plain: string) => aiBotMessageSchema.parse(JSON.parse(plain));

export function aiBotCallback({ deps, now, replyDeadline, envelope, deliver, replyOf }: CallbackContext) {
  const sendPicture = (message: IncomingMessage, reply: Reply) => {
    const key = message.chatId ? deps.webhookKeyFor(message.chatId) : null;
    if (!reply.picture || !key || !deps.pictureFor) return;
    void deps
      .pictureFor(reply.picture)
      .then((png) => deps.sender.send(key, [imagePayload(png)]))
      .catch((e: unknown) => deps.logger.error('wecom_picture_failed', { error: String(e) }));
  };

  /**
   * The reply's picture as a stream msg_item, when it is drawn before WeCom stops waiting — so a
   * group without a robot key or public URL still gets it; null sends it to the group robot instead.
   */
  const pictureInTime = async (reply: Reply, receivedAt: Date) => {
    if (!reply.picture || !deps.pictureFor) return null;
    const left = receivedAt.getTime() + replyDeadline + PICTURE_GRACE_MS - now().getTime();
    const png = await withinDeadline(
      deps.pictureFor(reply.picture).catch(() => null),
      Math.max(0, left),
    );
    if (!png || png === 'late') return null;
    try {
      const payload = imagePayload(png);
      return payload.msgtype === 'image' ? payload : null;
    } catch {
      return null; // too large for an image message
    }
  };

  /** The group that takes what one answer cannot carry: only one with a robot key configured. */
  const groupOf = (message: IncomingMessage) =>
    message.chatId && deps.webhookKeyFor(message.chatId) ? message.chatId : null;

  const overflowToGroup = (message: IncomingMessage, reply: Reply, parts: string[]) => {
    if (parts.length === 0) return;
    deps.replies.enqueue({
      message,
      // the rest of an answer already begun: never merged into a one-line confirmation
      reply: null,
      parts: parts.map((body) => ({ title: reply.title, body })),
      url: null,
      group: groupOf(message),
    });
  };

  const postToResponseUrl = (url: string, receivedAt: Date, message: IncomingMessage, reply: Reply) => {
    const owned = ownsResponseUrl(deps.apiBase, url);
    if (!owned) {
      deps.logger.warn('wecom_response_url_refused', { chat: message.chatId, messageId: message.messageId });
    }
    // response_url takes one message of up to 20,480 bytes; what is left goes to the group robot (4,096)
    const [first = '', ...rest] = splitByBytes(renderWecomMarkdownV2(reply), RESPONSE_URL_LIMIT);
    const parts = [first, ...rest.flatMap((part) => splitByBytes(part, WECOM_MARKDOWN_LIMIT))];
    deps.replies.enqueue({
      message,
      reply,
      parts: parts.map((body) => ({ title: reply.title, body })),
      url: owned ? { url, expiresAt: new Date(receivedAt.getTime() + RESPONSE_URL_TTL_MS) } : null,
      urlParts: 1,
      group: groupOf(message),
    });
    sendPicture(message, reply);
  };

  return async (exchange: CallbackExchange, query: Query, body: string) => {
    const receivedAt = now();
    let encrypted: unknown = null;
    try {
      encrypted = (JSON.parse(body) as { encrypt?: unknown } | null)?.encrypt;
    } catch {
      encrypted = null;
    }
    if (typeof encrypted !== 'string') {
      refuseAs(exchange, deps.logger, 400, 'malformed');
      return;
    }
    const opened = openCallback(exchange, envelope(''), { query, encrypted }, parseAiBot, decodeAiBotMessage);
    if (!opened) return;
    const { parsed, message } = opened;
    const { received, first } = deliver(message);
    if (!first) {
      // the first delivery of this message is still being answered; it will reply once
      exchange.end(200);
      return;
    }
    const work = received.then(replyOf);
    const outcome = await withinDeadline(work, replyDeadline);
    if (outcome === 'late' || outcome === null) {
      exchange.end(200);
      if (outcome === 'late' && parsed.response_url) {
        const url = parsed.response_url;
        void work
          .then((reply) => reply && postToResponseUrl(url, receivedAt, message, reply))
          .catch((e: unknown) =>
            deps.logger.error('wecom_reply_failed', { messageId: message.messageId, error: String(e) }),
          );
      }
      return;
    }
    const [content, ...rest] = splitByBytes(renderWecomMarkdownV2(outcome), STREAM_LIMIT);
    // most answers have no picture: no async call and no extra turn for them
    const image = outcome.picture && deps.pictureFor ? await pictureInTime(outcome, receivedAt) : null;
    // 101031: msg_item (images as base64 + md5 of the raw bytes) only when the stream finishes
    const plaintext = JSON.stringify({
      msgtype: 'stream',
      stream: {
        id: randomHex(8),
        finish: true,
        content,
        ...(image ? { msg_item: [image] } : {}),
      },
    });
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const enc = encrypt(deps.key, plaintext, '');
    exchange.json(200, {
      encrypt: enc,
      msgsignature: signature(deps.token, timestamp, query.nonce, enc),
      timestamp,
      nonce: query.nonce,
    });
    try {
      overflowToGroup(
        message,
        outcome,
        rest.flatMap((part) => splitByBytes(part, WECOM_MARKDOWN_LIMIT)),
      );
    } catch (e) {
      deps.logger.error('wecom_reply_failed', { messageId: message.messageId, error: String(e) });
    }
    if (!image) sendPicture(message, outcome);
  };
}
