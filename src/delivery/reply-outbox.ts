import { CONFLICT_ATTEMPTS, durably } from '../../storage/durably.ts';
import { StoreConflictError } from '../../storage/save-errors.ts';
import type { Store } from '../../storage/store.ts';
import type { IncomingMessage } from '../core/incoming.ts';
import type { Logger } from '../core/logger.ts';
import type { Reply } from '../core/reply.ts';
import { zh } from '../text/zh.ts';
import type { Clock } from '../time/clock.ts';

/** A reply that could not be given in the platform's response, as a platform hands it over. */
export interface LateReply {
  message: IncomingMessage;
  /** The whole answer these parts render; null for a part of one, or what goes beside it (a picture link). */
  reply: Reply | null;
  /** Rendered for the platform and split at its byte limit, in order. */
  /** `image`: the body is the path of a PNG in the data directory (sent where the platform can). */
  parts: Array<{ title: string; body: string; atUserIds?: string[]; image?: boolean }>;
  /** The conversation's own answer address (sessionWebhook, response_url), already checked to be the platform's. */
  url: { url: string; expiresAt: Date } | null;
  /** How many leading parts the url may carry (a response_url takes one); the rest go to the group. */
  urlParts?: number;
  /** The group that takes the reply when the url cannot; null for a single chat. */
  group: string | null;
}

/**
 * Writes replies to the durable outbox instead of sending them from memory, so a restart does not
 * drop them; the outbox worker delivers them ahead of pushes and merges confirmations that pile up.
 */
export class ReplyOutbox {
  /** Told which chat has a new reply once it is stored; the composition root points it at the outbox worker. */
  onQueued: (chat: { platform: string; chatId: string }) => void = () => {};

  constructor(private readonly deps: { store: Store; clock: Clock; logger: Logger }) {}

  /**
   * Stores the reply's parts; false (and a log line) when no part has anywhere to go. Throws when the
   * store refuses the write at once. When another instance on the same database commits first, the
   * parts are written again on the ledger as it then is, after this returns.
   */
  enqueue(late: LateReply): boolean {
    const { message } = late;
    const urlParts = late.url ? (late.urlParts ?? late.parts.length) : 0;
    const parts = late.parts
      .map((part, i) => ({ part, direct: i < urlParts }))
      .filter(({ direct }) => direct || late.group !== null);
    if (parts.length < late.parts.length) {
      this.deps.logger.warn('reply_undeliverable', {
        platform: message.platform,
        chat: message.chatId,
        messageId: message.messageId,
        droppedParts: late.parts.length - parts.length,
      });
    }
    if (parts.length === 0) return false;
    const confirmation =
      late.reply && late.parts.length === 1 ? this.confirmation(message, late.reply) : null;
    const chat = {
      platform: message.platform,
      chatId: late.group ?? message.chatId ?? `user:${message.senderId}`,
    };
    const write = () =>
      this.deps.store.enqueueReply(
        { actor: 'saima', command: 'reply', at: this.deps.clock.now() },
        {
          ...chat,
          parts: parts.map(({ part, direct }) => ({
            title: part.title,
            body: part.body,
            ...(part.atUserIds?.length ? { atUserIds: part.atUserIds } : {}),
            ...(part.image ? { image: true } : {}),
            route: {
              url: direct ? (late.url?.url ?? null) : null,
              urlExpiresAt: direct ? (late.url?.expiresAt.toISOString() ?? null) : null,
              groupFallback: late.group !== null,
              confirmations: confirmation ? [confirmation] : [],
            },
          })),
        },
      );
    write();
    void this.settle(write, chat, message);
    this.onQueued(chat);
    return true;
  }

  /** Waits for the reply's change; one another instance's commit took back is written again. */
  private async settle(
    write: () => void,
    chat: { platform: string; chatId: string },
    message: IncomingMessage,
  ): Promise<void> {
    const unsaved = (e: unknown) =>
      this.deps.logger.error('reply_unsaved', {
        platform: message.platform,
        chat: message.chatId,
        messageId: message.messageId,
        error: e instanceof Error ? e.message : String(e),
      });
    try {
      // asked in the same turn as the write: this waits for the reply's own change
      await this.deps.store.durable();
    } catch (e) {
      if (!(e instanceof StoreConflictError)) return unsaved(e);
      await durably(this.deps.store, write, CONFLICT_ATTEMPTS - 1).then(() => this.onQueued(chat), unsaved);
    }
  }

  /** The one line a merged message shows for this reply, when the message stored a change. */
  private confirmation(message: IncomingMessage, reply: Reply): string | null {
    if (!message.messageId) return null;
    const done = this.deps.store.handled(`${message.platform}:${message.messageId}`);
    // a redelivery is answered「已处理」: that is not a second confirmation of the same change
    if (!done || reply.title === zh.duplicateMessage(done.summary)) return null;
    const name =
      this.deps.store.memberByAccount(message.senderId)?.name ?? message.senderName ?? message.senderId;
    return zh.replyConfirmation(name, done.summary);
  }
}
