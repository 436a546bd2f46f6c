import type { Received } from '../../core/bot.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/reply.ts';
import type { LateReply } from '../../delivery/reply-outbox.ts';
import type { CallbackExchange, CallbackRoute } from '../../server/callback-exchange.ts';
import { answerOnce, type Delivery, type Respond } from '../answer-once.ts';
import { aiBotCallback } from './ai-bot-callback.ts';
import { appCallback } from './app-callback.ts';
import { type Query, queryOf, refuse, refuseAs, timestampIsFresh } from './callback-request.ts';
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
 * self-built app (XML), the latter only when the corp id it decrypts for is configured. Each
 * request is verified and decrypted before anything in it is read.
 */
export function wecomCallbacks(deps: WecomReceiverDeps): CallbackRoute[] {
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
  const refused = (exchange: CallbackExchange, status: number, failure: string) =>
    refuseAs(exchange, deps.logger, status, failure);

  /** Before the body is read: without a fresh signed query there is nothing worth reading. */
  const signedQuery = (exchange: CallbackExchange): Query | null => {
    const query = queryOf(exchange);
    if (!query) refused(exchange, 400, 'missing-query');
    else if (!timestampIsFresh(query.timestamp, now(), windowSeconds))
      refused(exchange, 403, 'stale-timestamp');
    else return query;
    return null;
  };

  /** The URL check WeCom makes when the callback is configured: echo `echostr`, decrypted. */
  const urlCheck = (receiveId: string) => (exchange: CallbackExchange) => {
    const query = signedQuery(exchange);
    if (!query) return;
    const echostr = exchange.query('echostr');
    if (!echostr) {
      refused(exchange, 400, 'malformed');
      return;
    }
    try {
      const { message } = openEnvelope(context.envelope(receiveId), query, echostr);
      exchange.text(200, 'text/plain', message);
    } catch (e) {
      refuse(exchange, deps.logger, e);
    }
  };

  /** A message callback: the signed query, then the body, then `answer` with both. */
  const message =
    (answer: (exchange: CallbackExchange, query: Query, body: string) => Promise<void>) =>
    async (exchange: CallbackExchange) => {
      const query = signedQuery(exchange);
      if (!query) return;
      const body = await exchange.body();
      if (body !== null) await answer(exchange, query, body);
    };

  const routes: CallbackRoute[] = [
    { method: 'GET', path: '/webhook/wecom', handle: urlCheck('') },
    { method: 'POST', path: '/webhook/wecom', handle: message(aiBotCallback(context)) },
  ];
  if (deps.corpId) {
    routes.push(
      { method: 'GET', path: '/webhook/wecom-app', handle: urlCheck(deps.corpId) },
      { method: 'POST', path: '/webhook/wecom-app', handle: message(appCallback(context)) },
    );
  }
  return routes;
}
