import type { IncomingMessage } from '../../core/incoming.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/reply.ts';
import type { LateReply } from '../../delivery/reply-outbox.ts';
import type { CallbackRoute } from '../../server/callback-exchange.ts';
import { answerOnce, type Respond } from '../answer-once.ts';
import { imageMarkdown, type Markdown, markdownParts } from './markdown.ts';
import { decodeRobotMessage, type RobotMessage, robotMessageSchema } from './robot-message.ts';
import type { DingtalkSender } from './sender.ts';
import { verifyCallback } from './sign.ts';
import { SignBindings } from './sign-bindings.ts';

export interface DingtalkHandlerDeps {
  /** What the pipeline made of the message, or null when it was already answered (a redelivery must not reply twice). */
  respond: Respond;
  sender: DingtalkSender;
  /** Where answers go: the durable outbox, delivered by the outbox worker. */
  replies: { enqueue(late: LateReply): boolean };
  logger: Logger;
  now?: () => number;
  /** Renders a reply's five-colour picture and returns a link to it, or null without SAIMA_PUBLIC_URL. */
  pictureUrl?: (picture: NonNullable<Reply['picture']>) => Promise<string | null>;
  /** Renders the picture into the data directory and returns its path: the app robot uploads it itself. */
  pictureFile?: (picture: NonNullable<Reply['picture']>) => Promise<string>;
}

/** Keep a margin: a sessionWebhook that expires while we post is as good as expired. */
const SESSION_MARGIN_MS = 10_000;

/**
 * Handles one robot message (from HTTP or Stream): runs it through the pipeline once per msgId,
 * then writes the answer to the outbox, addressed to the sessionWebhook while it is valid and to
 * the group push after that.
 */
export function dingtalkHandler(deps: DingtalkHandlerDeps) {
  const deliverOnce = answerOnce(deps.respond, (message, e) =>
    deps.logger.error('dingtalk_handler_failed', { messageId: message.messageId, error: String(e) }),
  );
  const now = deps.now ?? Date.now;

  const deliver = (body: RobotMessage, message: IncomingMessage, reply: Reply | null, parts: Markdown[]) => {
    const session = body.sessionWebhook;
    const expiresAt = body.sessionWebhookExpiredTime ?? 0;
    let url: LateReply['url'] = null;
    if (session && !deps.sender.ownsSessionWebhook(session)) {
      deps.logger.warn('dingtalk_session_webhook_refused', {});
    } else if (session && expiresAt > now() + SESSION_MARGIN_MS) {
      url = { url: session, expiresAt: new Date(expiresAt) };
    }
    // in a group the asker is @-mentioned once, on the first part, so DingTalk notifies them
    const asker = message.chatType === 'group' ? [message.senderId] : [];
    deps.replies.enqueue({
      message,
      reply,
      parts: parts.map((p, i) => ({
        title: p.title,
        body: p.text,
        ...(i === 0 && asker.length ? { atUserIds: asker } : {}),
      })),
      url,
      group: message.chatType === 'group' ? message.chatId : null,
    });
  };

  const deliverPicture = async (body: RobotMessage, message: IncomingMessage, reply: Reply) => {
    if (!reply.picture) return;
    const url = deps.pictureUrl ? await deps.pictureUrl(reply.picture).catch(() => null) : null;
    if (url) {
      deliver(body, message, null, [imageMarkdown(reply.picture.title, url)]);
      return;
    }
    // no public URL: the app robot uploads the picture and sends it to the group by media id; a
    // sessionWebhook, a custom robot and a single chat have no way to send an uploaded picture
    const group = message.chatType === 'group' ? message.chatId : null;
    if (!deps.pictureFile || !group || deps.sender.hasCustomRobot(group)) return;
    const path = await deps.pictureFile(reply.picture);
    deps.replies.enqueue({
      message,
      reply: null,
      parts: [{ title: reply.picture.title, body: path, image: true }],
      url: null,
      group,
    });
  };

  /**
   * Resolves once the message is handled (its change, if any, is stored), or with 'unsaved' when the
   * store refused it and the platform should deliver it again; delivery continues after.
   */
  return async (body: RobotMessage): Promise<'handled' | 'ignored' | 'duplicate' | 'unsaved'> => {
    const message = decodeRobotMessage(body);
    if (!message) return 'ignored';
    const { first, received: running } = deliverOnce(message);
    if (!first) return (await running)?.kind === 'unsaved' ? 'unsaved' : 'duplicate';
    const received = await running;
    if (!received) return 'duplicate';
    // nothing was kept: the member hears from the redelivery, not an apology that invites a second copy
    if (received.kind === 'unsaved') return 'unsaved';
    if (received.kind === 'dropped') return 'ignored';
    const reply = received.reply;
    try {
      // stored before this resolves: an ack sent after it covers the reply too
      deliver(body, message, reply, markdownParts(reply));
    } catch (e) {
      deps.logger.error('dingtalk_reply_failed', { messageId: message.messageId, error: String(e) });
    }
    void deliverPicture(body, message, reply).catch((e: unknown) =>
      deps.logger.error('dingtalk_reply_failed', { messageId: message.messageId, error: String(e) }),
    );
    return 'handled';
  };
}

/**
 * `/webhook/dingtalk`: verify the timestamp and sign headers before the body is read, refuse a
 * signed pair already used by another message, handle, and only then answer: 200 once the change is
 * stored (or the answer is final), 503 when the store refused it so that DingTalk sends it again.
 */
export function dingtalkCallbacks(deps: DingtalkHandlerDeps & { appSecret: string }): CallbackRoute[] {
  const handle = dingtalkHandler(deps);
  const now = deps.now ?? Date.now;
  const bindings = new SignBindings();
  const refused = (failure: string) => deps.logger.warn('dingtalk_refused', { failure });
  return [
    {
      method: 'POST',
      path: '/webhook/dingtalk',
      handle: async (exchange) => {
        const timestamp = exchange.header('timestamp');
        const sign = exchange.header('sign');
        // the headers are checked before the body is even read off the socket
        const failure = verifyCallback({ timestamp, sign }, deps.appSecret, now());
        if (failure) {
          refused(failure);
          exchange.end(403);
          return;
        }
        const text = await exchange.body();
        if (text === null) return;
        let body: RobotMessage;
        try {
          body = robotMessageSchema.parse(JSON.parse(text));
        } catch {
          refused('malformed');
          exchange.end(400);
          return;
        }
        if (!bindings.claim(timestamp as string, sign as string, body.msgId, now())) {
          refused('sign-reused');
          exchange.end(403);
          return;
        }
        const outcome = await handle(body);
        if (outcome === 'unsaved') exchange.json(503, { error: 'not_stored' });
        else exchange.json(200, {});
      },
    },
  ];
}
