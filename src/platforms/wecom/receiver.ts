import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { IncomingMessage } from '../../core/incoming.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/reply.ts';
import type { LateReply } from '../../delivery/reply-outbox.ts';
import { renderPlainText } from '../../render/plain-text.ts';
import { splitByBytes } from '../../render/split-bytes.ts';
import { renderWecomMarkdownV2 } from '../../render/wecom-markdown-v2.ts';
import { callbackBody } from '../callback-body.ts';
import { aiBotMessageSchema, decodeAiBotMessage } from './ai-bot-message.ts';
import { decodeAppMessage } from './app-message.ts';
import { APP_TEXT_LIMIT } from './app-sender.ts';
import { encrypt, openEnvelope, signature, WecomCryptoError } from './crypto.ts';
import { ownsResponseUrl, RESPONSE_URL_LIMIT, RESPONSE_URL_TTL_MS } from './response-url.ts';
import { imagePayload, WECOM_MARKDOWN_LIMIT, type WecomWebhookSender } from './webhook-sender.ts';
import { cdata, xmlField } from './xml.ts';

// https://developer.work.weixin.qq.com/document/path/101031 (被动回复: stream content ≤ 20480 bytes)
const STREAM_LIMIT = 20_480;
/** WeCom waits 5 s for the passive reply: a picture not drawn by then goes to the group robot. */
const PICTURE_GRACE_MS = 1_000;

export interface WecomReceiverDeps {
  token: string;
  key: Buffer;
  /** receiveid of the self-built app's callback; the AI bot's is always "". */
  corpId: string | null;
  apiBase: string;
  /** The answer, or null when there is nothing to send (a flooding member's excess message). */
  respond: (message: IncomingMessage) => Promise<Reply | null>;
  sender: WecomWebhookSender;
  /** The 消息推送 key configured for a group, for answers too long for one message. */
  webhookKeyFor: (chatId: string) => string | null;
  /** Where late answers and overflow parts go: the durable outbox, delivered by the outbox worker. */
  replies: { enqueue(late: LateReply): boolean };
  logger: Logger;
  /** Renders a reply's five-colour picture: in the stream reply's msg_item, else to the group's robot. */
  pictureFor?: (picture: NonNullable<Reply['picture']>) => Promise<Buffer>;
  /** The self-built app can send by itself (secret and agent id set): late and long answers still arrive. */
  appCanSend?: boolean;
  /** Answer in the HTTP response when ready by then, else ack empty and use response_url (WeCom waits 5 s). */
  replyDeadlineMs?: number;
  /** Callbacks whose `timestamp` is further than this from now are refused as replays. */
  timestampWindowSeconds?: number;
  now?: () => Date;
}

/** WeCom signs `timestamp` but sets no expiry; five minutes covers its 3 retries and clock drift. */
export const WECOM_TIMESTAMP_WINDOW_DEFAULT_SECONDS = 300;

interface Query {
  msgSignature: string;
  timestamp: string;
  nonce: string;
}

function queryOf(req: Request): Query | null {
  const q = req.query as Record<string, unknown>;
  const pick = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : null);
  const msgSignature = pick('msg_signature');
  const timestamp = pick('timestamp');
  const nonce = pick('nonce');
  if (!msgSignature || !timestamp || !nonce) return null;
  return { msgSignature, timestamp, nonce };
}

/** A signed timestamp (seconds) within the window of now; anything else may be a replay. */
export function timestampIsFresh(timestamp: string, now: Date, windowSeconds: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= windowSeconds;
}

function refuse(res: Response, logger: Logger, path: string, e: unknown): void {
  if (e instanceof WecomCryptoError) {
    logger.warn('wecom_refused', { path, failure: e.failure });
    res.status(e.failure === 'bad-signature' ? 403 : 400).end();
    return;
  }
  logger.warn('wecom_refused', { path, failure: 'malformed' });
  res.status(400).end();
}

function deadline(ms: number): Promise<'late'> {
  return new Promise((resolve) => setTimeout(() => resolve('late'), ms).unref());
}

/**
 * The WeCom callbacks: `/webhook/wecom` for the AI bot (JSON) and `/webhook/wecom-app` for the
 * self-built app (XML). Each request is verified and decrypted before anything in it is read.
 */
export function wecomRouter(deps: WecomReceiverDeps): Router {
  const router = express.Router();
  const raw = callbackBody();
  const inflight = new Map<string, Promise<Reply | null>>();
  const now = deps.now ?? (() => new Date());
  const windowSeconds = deps.timestampWindowSeconds ?? WECOM_TIMESTAMP_WINDOW_DEFAULT_SECONDS;

  /** Runs before the body is read: without a fresh signed query there is nothing worth reading. */
  const signedQuery = (req: Request, res: Response, next: () => void) => {
    const query = queryOf(req);
    if (!query) {
      deps.logger.warn('wecom_refused', { path: req.path, failure: 'missing-query' });
      res.status(400).end();
      return;
    }
    if (!timestampIsFresh(query.timestamp, now(), windowSeconds)) {
      deps.logger.warn('wecom_refused', { path: req.path, failure: 'stale-timestamp' });
      res.status(403).end();
      return;
    }
    next();
  };
  const replyDeadline = deps.replyDeadlineMs ?? 3_000;
  const envelope = (receiveId: string) => ({ token: deps.token, key: deps.key, receiveId });

  const urlCheck = (receiveId: string) => (req: Request, res: Response) => {
    const query = queryOf(req);
    const echostr = typeof req.query.echostr === 'string' ? req.query.echostr : null;
    if (!query || !echostr) {
      deps.logger.warn('wecom_refused', { path: req.path, failure: 'malformed' });
      res.status(400).end();
      return;
    }
    try {
      const { message } = openEnvelope(envelope(receiveId), query, echostr);
      res.status(200).type('text/plain').send(message);
    } catch (e) {
      refuse(res, deps.logger, req.path, e);
    }
  };

  /** Runs the handler once per message id, however often WeCom delivers it. */
  const answer = (message: IncomingMessage): { work: Promise<Reply | null>; first: boolean } => {
    const key = `${message.platform}:${message.messageId}`;
    const running = inflight.get(key);
    if (running) return { work: running, first: false };
    const work = deps.respond(message);
    inflight.set(key, work);
    void work.finally(() => inflight.delete(key)).catch(() => undefined);
    return { work, first: true };
  };

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
    const png = await Promise.race([
      deps.pictureFor(reply.picture).catch(() => null),
      deadline(Math.max(0, left)).then(() => null),
    ]);
    if (!png) return null;
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

  router.get('/webhook/wecom', signedQuery, urlCheck(''));
  // the self-built app's callback exists only when the corp id it decrypts for is configured
  const appEnabled = (_req: Request, res: Response, next: () => void) => {
    if (deps.corpId) next();
    else res.status(404).end();
  };
  router.get('/webhook/wecom-app', appEnabled, signedQuery, (req, res) => {
    urlCheck(deps.corpId as string)(req, res);
  });

  router.post('/webhook/wecom', signedQuery, raw, async (req, res) => {
    const receivedAt = now();
    const query = queryOf(req);
    let encrypted: string | null = null;
    try {
      encrypted = (JSON.parse(String(req.body ?? '')) as { encrypt?: unknown }).encrypt as string;
    } catch {
      encrypted = null;
    }
    if (!query || typeof encrypted !== 'string') {
      deps.logger.warn('wecom_refused', { path: req.path, failure: 'malformed' });
      res.status(400).end();
      return;
    }
    let parsed: ReturnType<typeof aiBotMessageSchema.parse>;
    try {
      const { message } = openEnvelope(envelope(''), query, encrypted);
      parsed = aiBotMessageSchema.parse(JSON.parse(message));
    } catch (e) {
      refuse(res, deps.logger, req.path, e);
      return;
    }
    const message = decodeAiBotMessage(parsed);
    if (!message) {
      res.status(200).end();
      return;
    }
    const { work, first } = answer(message);
    if (!first) {
      // the first delivery of this message is still being answered; it will reply once
      res.status(200).end();
      return;
    }
    const outcome = await Promise.race([work.catch(() => null), deadline(replyDeadline)]);
    if (outcome === 'late' || outcome === null) {
      res.status(200).end();
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
    const image = await pictureInTime(outcome, receivedAt);
    // 101031: msg_item (images as base64 + md5 of the raw bytes) only when the stream finishes
    const plaintext = JSON.stringify({
      msgtype: 'stream',
      stream: {
        id: randomBytes(8).toString('hex'),
        finish: true,
        content,
        ...(image ? { msg_item: [image] } : {}),
      },
    });
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const enc = encrypt(deps.key, plaintext, '');
    res.status(200).json({
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
  });

  router.post('/webhook/wecom-app', appEnabled, signedQuery, raw, async (req, res) => {
    const corpId = deps.corpId as string;
    const query = queryOf(req) as Query;
    // only <Encrypt> is read from the outer body, which is not authenticated until it is checked
    const encrypted = xmlField(String(req.body ?? ''), 'Encrypt');
    if (!encrypted) {
      deps.logger.warn('wecom_refused', { path: req.path, failure: 'malformed' });
      res.status(400).end();
      return;
    }
    let inner: string;
    try {
      inner = openEnvelope(envelope(corpId), query, encrypted).message;
    } catch (e) {
      refuse(res, deps.logger, req.path, e);
      return;
    }
    const message = decodeAppMessage(inner);
    if (!message) {
      res.status(200).end();
      return;
    }
    const from = message.senderId;
    const { work, first } = answer(message);
    const outcome = first ? await Promise.race([work.catch(() => null), deadline(replyDeadline)]) : null;
    if (outcome === 'late' || outcome === null) {
      res.status(200).end();
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
      parts.length > 1 && !deps.appCanSend
        ? `${parts[0]}\n（内容较长，未显示完；请在群里查询）`
        : (parts[0] as string);
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const plain = `<xml><ToUserName>${cdata(from)}</ToUserName><FromUserName>${cdata(corpId)}</FromUserName><CreateTime>${timestamp}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(text)}</Content></xml>`;
    const enc = encrypt(deps.key, plain, corpId);
    res
      .status(200)
      .type('application/xml')
      .send(
        `<xml><Encrypt>${cdata(enc)}</Encrypt><MsgSignature>${cdata(signature(deps.token, timestamp, query.nonce, enc))}</MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(query.nonce)}</Nonce></xml>`,
      );
    // after the passive reply is on its way, so the rest follows the beginning
    try {
      sendThroughApp(message, null, rest);
    } catch (e) {
      deps.logger.error('wecom_reply_failed', { messageId: message.messageId, error: String(e) });
    }
  });

  return router;
}
