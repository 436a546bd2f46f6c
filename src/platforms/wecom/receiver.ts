import express, { type Request, type Response, type Router } from 'express';
import type { Received } from '../../core/bot.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/reply.ts';
import type { LateReply } from '../../delivery/reply-outbox.ts';
import { answerOnce, type Delivery, type Respond } from '../answer-once.ts';
import { callbackBody } from '../callback-body.ts';
import { aiBotCallback } from './ai-bot-callback.ts';
import { appCallback } from './app-callback.ts';
import { queryOf, refuse, timestampIsFresh } from './callback-request.ts';
import { openEnvelope } from './crypto.ts';
import type { WecomWebhookSender } from './webhook-sender.ts';

export interface WecomReceiverDeps {
  token: string;
  key: Buffer;
  /** receiveid of the self-built app's callback; the AI bot's is always "". */
  corpId: string | null;
  apiBase: string;
  /** What the pipeline made of the message; a dropped one (a flooding member's excess) gets no answer. */
  respond: Respond;
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

/** What both callbacks share: the deps, the clock, how long WeCom waits, and the exactly-once run. */
export interface CallbackContext {
  deps: WecomReceiverDeps;
  now: () => Date;
  replyDeadline: number;
  /** What a callback for `receiveId` is decrypted and checked with. */
  envelope: (receiveId: string) => { token: string; key: Buffer; receiveId: string; logger: Logger };
  deliver: (message: Parameters<Respond>[0]) => Delivery;
  /** The reply to send, or null when there is none (dropped, or already answered). */
  replyOf: (received: Received | null) => Reply | null;
}

/** WeCom signs `timestamp` but sets no expiry; five minutes covers its 3 retries and clock drift. */
export const WECOM_TIMESTAMP_WINDOW_DEFAULT_SECONDS = 300;

/**
 * The WeCom callbacks: `/webhook/wecom` for the AI bot (JSON) and `/webhook/wecom-app` for the
 * self-built app (XML). Each request is verified and decrypted before anything in it is read.
 */
export function wecomRouter(deps: WecomReceiverDeps): Router {
  const router = express.Router();
  const raw = callbackBody();
  const now = deps.now ?? (() => new Date());
  const windowSeconds = deps.timestampWindowSeconds ?? WECOM_TIMESTAMP_WINDOW_DEFAULT_SECONDS;
  const context: CallbackContext = {
    deps,
    now,
    replyDeadline: deps.replyDeadlineMs ?? 3_000,
    envelope: (receiveId) => ({ token: deps.token, key: deps.key, receiveId, logger: deps.logger }),
    deliver: answerOnce(deps.respond, (message, e) =>
      deps.logger.error('wecom_reply_failed', { messageId: message.messageId, error: String(e) }),
    ),
    replyOf: (received) => (received && received.kind !== 'dropped' ? received.reply : null),
  };

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

  const urlCheck = (receiveId: string) => (req: Request, res: Response) => {
    const query = queryOf(req);
    const echostr = typeof req.query.echostr === 'string' ? req.query.echostr : null;
    if (!query || !echostr) {
      deps.logger.warn('wecom_refused', { path: req.path, failure: 'malformed' });
      res.status(400).end();
      return;
    }
    try {
      const { message } = openEnvelope(context.envelope(receiveId), query, echostr);
      res.status(200).type('text/plain').send(message);
    } catch (e) {
      refuse(res, deps.logger, req.path, e);
    }
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
  router.post('/webhook/wecom', signedQuery, raw, aiBotCallback(context));
  router.post('/webhook/wecom-app', appEnabled, signedQuery, raw, appCallback(context));
  return router;
}
