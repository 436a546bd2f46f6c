import { CONFLICT_ATTEMPTS } from '../../storage/durably.ts';
import { JournalWriteError, SavePausedError, StoreConflictError } from '../../storage/save-errors.ts';
import type { Store } from '../../storage/store.ts';
import type { DeliveryStatus } from '../delivery/delivery-status.ts';
import { charCount, MAX_MESSAGE_CHARS } from '../reader/limits.ts';
import { normalize } from '../reader/normalize.ts';
import { zh } from '../text/zh.ts';
import type { Clock } from '../time/clock.ts';
import { TurnBudget } from '../time/turn-budget.ts';
import { actorFor } from './actor.ts';
import type { Actor, CommandSpec, LedgerDesk, PushStarter, PushTrigger } from './command.ts';
import { FloodGate, MEMBER_MESSAGES_PER_MINUTE } from './flood-gate.ts';
import type { IncomingMessage } from './incoming.ts';
import type { Logger } from './logger.ts';
import { Matcher } from './matcher.ts';
import { resolveQuote } from './quote.ts';
import { type Reply, reply } from './reply.ts';
import { type Turn, Turns } from './turns.ts';

export interface BotDeps {
  store: Store;
  clock: Clock;
  specs: ReadonlyArray<CommandSpec>;
  deliveries: DeliveryStatus;
  pushNow?: PushTrigger | null;
  /** Hands out 导出台账 download links (the server); none in the console. */
  ledgerDesk?: LedgerDesk | null;
  /** Platform user ids who are bureau admins whether or not they were added as members. */
  admins: ReadonlySet<string>;
  logger: Logger;
  /** How many messages one sender may send per minute through `receive`; more are slowed down. */
  memberMessagesPerMinute?: number;
  /** Real elapsed time for the flood window, even when the business clock is frozen (SAIMA_NOW). */
  rateClock?: () => number;
  /** The bot's own names (SAIMA_BOT_NAMES), so `@赛马助手登记签约` loses only the mention. */
  botNames?: readonly string[];
  /** SAIMA_PUBLIC_URL: where links the bot hands out (看板) point; null when unset. */
  publicUrl?: string | null;
  /** True for an account of another district of this deployment: a member belongs to one district. */
  accountElsewhere?: (account: string) => boolean;
  /** The event loop's slices, shared by every district's bot of one process (one loop, one budget). */
  budget?: TurnBudget;
}

/** What a platform receiver does with a message. */
export type Received =
  /**
   * Send the reply. `redelivery`: the message was already handled (here or, on a shared database,
   * by another instance while this one ran it), and the reply only says so.
   */
  | { kind: 'answered'; reply: Reply; redelivery?: true }
  /** Send nothing: a flooding sender's excess message, not processed and not marked handled. */
  | { kind: 'dropped' }
  /** The store refused the write: nothing was kept, so the platform should deliver it again. */
  | { kind: 'unsaved'; reply: Reply };

/** What a platform receiver needs of the pipeline: one district's `Bot`, or the router over many (src/tenancy). */
export interface Answerer {
  receive(message: IncomingMessage): Promise<Received>;
  answerDurably(message: IncomingMessage): Promise<Reply>;
  alreadyHandled(message: IncomingMessage): boolean;
}

/** A write the journal refused (disk full, I/O error, closed store): nothing of the message was kept. */
function isStorageFailure(e: unknown): boolean {
  if (e instanceof JournalWriteError || e instanceof SavePausedError || e instanceof StoreConflictError)
    return true;
  if (!(e instanceof Error)) return false;
  const code = (e as NodeJS.ErrnoException).code;
  return (typeof code === 'string' && /^E[A-Z]+$/.test(code)) || e.message === 'store is closed';
}

/** The longest the platforms' messages may keep the event loop before it gets a turn (timers, I/O). */
export const HANDLING_SLICE_MS = 10;

/** Replies to stored changes kept in memory, so a platform retry gets the full answer again. */
const RECENT_LIMIT = 2000;

/**
 * The one pipeline every platform feeds: normalize → dedupe → who is it → match → authorize →
 * read arguments → handle → reply model. It never throws: every failure becomes a reply.
 */
export class Bot implements Answerer {
  readonly matcher: Matcher;
  private readonly turns: Turns;
  private readonly recent = new Map<string, Reply>();
  /** Replies that report a failure: never remembered as the answer to their message. */
  private readonly failures = new WeakSet<Reply>();

  private readonly flood: FloodGate;
  /** Messages from the platforms are handled in short slices, so a burst never stalls the event loop. */
  private readonly budget: TurnBudget;
  private readonly unsaved = new WeakSet<Reply>();
  /** Replies that only say the message was handled before. */
  private readonly redeliveries = new WeakSet<Reply>();

  constructor(private readonly deps: BotDeps) {
    this.matcher = new Matcher(deps.specs);
    this.turns = new Turns({
      store: deps.store,
      specs: deps.specs,
      deliveries: deps.deliveries,
      admins: deps.admins,
      pushes: deps.pushNow ? this.guarded(deps.pushNow) : null,
      ledgerDesk: deps.ledgerDesk ?? null,
      matcher: this.matcher,
      publicUrl: deps.publicUrl ?? null,
      accountElsewhere: deps.accountElsewhere,
    });
    this.budget = deps.budget ?? new TurnBudget(HANDLING_SLICE_MS);
    this.flood = new FloodGate(deps.memberMessagesPerMinute ?? MEMBER_MESSAGES_PER_MINUTE);
  }

  /**
   * The entry for chat platforms: a sender over the flood limit is stopped before any lookup or
   * write (the console, run by the bot's own OS user, calls `handle` directly and is not limited).
   */
  async receive(message: IncomingMessage): Promise<Received> {
    const now = (this.deps.rateClock ?? Date.now)();
    const verdict = this.flood.admit(`${message.platform}:${message.senderId}`, now);
    if (verdict === 'drop') return { kind: 'dropped' };
    if (verdict === 'slow-down') {
      const limit = this.deps.memberMessagesPerMinute ?? MEMBER_MESSAGES_PER_MINUTE;
      return { kind: 'answered', reply: reply('warn', zh.slowDown(limit)) };
    }
    // checked right before the work, with nothing awaited in between (see TurnBudget)
    while (this.budget.over()) await this.budget.turn();
    const answer = await this.answerFresh(message);
    // an unsaved reply is never cached or marked handled: the platform's next delivery runs it again
    if (this.unsaved.has(answer)) return { kind: 'unsaved', reply: answer };
    return this.redeliveries.has(answer)
      ? { kind: 'answered', reply: answer, redelivery: true }
      : { kind: 'answered', reply: answer };
  }

  /**
   * The answer once what it reports is on disk (the group commit it shares with the messages around
   * it). A refused commit took the change back: the answer becomes the refusal, never the confirmation.
   * Every caller that shows an answer to a person goes through here.
   */
  async settled(message: IncomingMessage, answer: Reply, attempt = 1): Promise<Reply> {
    try {
      await this.deps.store.durable();
      return answer;
    } catch (e) {
      const key = message.messageId ? `${message.platform}:${message.messageId}` : null;
      if (key) this.recent.delete(key);
      // another instance on the same database committed first: the ledger now holds its change,
      // and this message is read again against it (a message it handled itself is then a repeat)
      if (e instanceof StoreConflictError && attempt < CONFLICT_ATTEMPTS)
        return this.settled(message, this.handle(message), attempt + 1);
      return this.failed(e, message, key, '-');
    }
  }

  /** `handle`, answered only once durable: for callers outside `receive` (the console, the local socket). */
  async answerDurably(message: IncomingMessage): Promise<Reply> {
    return this.answerFresh(message);
  }

  /**
   * `handle`, read again when it wrote nothing and other instances had committed what this one had
   * not yet followed: the project registered through the other instance a moment ago is found, not
   * refused as unknown. A message that writes is checked by its commit instead (a lost race).
   * `settled` is always called in the same tick as `handle`: a sync refused in between would
   * otherwise be missed, and the refusal answered as a confirmation.
   */
  private async answerFresh(message: IncomingMessage): Promise<Reply> {
    const { store } = this.deps;
    const before = store.seq;
    const first = this.handle(message);
    const settling = this.settled(message, first);
    if (!store.shared || store.seq !== before || this.failures.has(first)) return settling;
    const answer = await settling;
    if (!(await store.refresh())) return answer;
    // every reader waiting on one catch-up is released at once: they take their turns again
    while (this.budget.over()) await this.budget.turn();
    return this.settled(message, this.handle(message));
  }

  /** A push started from chat runs after the answer: its failure is logged and kept for 推送状态, never thrown. */
  private guarded(trigger: PushTrigger): PushStarter {
    const { logger, deliveries, clock } = this.deps;
    return {
      platforms: () => trigger.platforms(),
      canSend: (platform, chatId) => trigger.canSend(platform, chatId),
      start: (kind) => {
        const failed = (e: unknown) => {
          logger.error('push_now_failed', {
            kind,
            error: e instanceof Error ? (e.stack ?? e.message) : String(e),
          });
          deliveries.runFailed(kind, clock.now());
        };
        try {
          trigger.run(kind).catch(failed);
        } catch (e) {
          failed(e);
        }
      },
    };
  }

  /**
   * True when this platform message's change is stored. Only a stored change marks a message as
   * handled: a message whose first attempt failed, was refused or only read must run again.
   */
  alreadyHandled(message: IncomingMessage): boolean {
    if (!message.messageId) return false;
    return this.deps.store.handled(`${message.platform}:${message.messageId}`) !== null;
  }

  handle(message: IncomingMessage): Reply {
    const key = message.messageId ? `${message.platform}:${message.messageId}` : null;
    if (key) {
      const seen = this.recent.get(key);
      if (seen) return seen;
      const done = this.deps.store.handled(key);
      if (done) {
        const again = reply('ok', zh.duplicateMessage(done.summary));
        this.redeliveries.add(again);
        return again;
      }
    }
    const answer = this.answer(message, key);
    // Reads are not cached: answering a retried read again is harmless and shows current data,
    // and the receivers' in-flight maps already merge retries that arrive while it runs.
    if (key && !this.failures.has(answer) && this.deps.store.handled(key)) {
      this.recent.set(key, answer);
      if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value as string);
    }
    return answer;
  }

  /** A transcript is read like typed text; the reply shows what was heard, so a misheard amount is caught. */
  private answer(message: IncomingMessage, key: string | null): Reply {
    const answer = this.read(message, key);
    if (message.kind !== 'voice' || !message.text.trim()) return answer;
    const heard = { ...answer, lines: [zh.voiceHeard(message.text.trim()), ...answer.lines] };
    if (this.failures.has(answer)) this.failures.add(heard);
    if (this.unsaved.has(answer)) this.unsaved.add(heard);
    return heard;
  }

  private read(message: IncomingMessage, key: string | null): Reply {
    let command = '-';
    try {
      if (message.senderUnidentified) return reply('info', zh.senderUnidentified);
      if (message.kind === 'image' || message.kind === 'file') {
        return this.actorFor(message.senderId)
          ? reply('info', zh.mediaOnly(zh.mediaName[message.kind]))
          : reply('info', zh.unknownSender(message.senderId));
      }
      const length = charCount(message.text);
      if (length > MAX_MESSAGE_CHARS) return reply('error', zh.messageTooLong(length, MAX_MESSAGE_CHARS));
      // 「？？再生铝项目咋样了」: leading marks are emphasis, not the `?` help command
      const normalized = normalize(
        resolveQuote(message.text, message.quote, (id) => this.deps.store.project(id)?.name ?? null).replace(
          /^\s*[?？]+(?=\s*[^\s?？])/u,
          '',
        ),
        { botNames: this.deps.botNames },
      );
      const text = normalized.text;
      if (!text) return reply('info', message.kind === 'voice' ? zh.voiceNotHeard : zh.emptyMessage);
      const actor = this.actorFor(message.senderId);
      if (!actor) return reply('info', zh.unknownSender(message.senderId));
      const turn: Turn = {
        message,
        key,
        actor,
        now: this.deps.clock.now(),
        id: `${message.platform}:${message.chatId ?? '-'}:${message.senderId}`,
        said: [message.text],
        onCommand: (id) => {
          command = id;
        },
      };
      return this.turns.start(normalized, turn);
    } catch (e) {
      return this.failed(e, message, key, command);
    }
  }

  private failed(e: unknown, message: IncomingMessage, key: string | null, command: string): Reply {
    this.deps.logger.error('handler_failed', {
      platform: message.platform,
      chat: message.chatId,
      messageId: message.messageId,
      command,
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
    });
    const stored = key ? this.deps.store.handled(key) : null;
    const failure = stored
      ? reply('error', zh.savedButReplyFailed(stored.summary))
      : e instanceof SavePausedError
        ? reply('error', e.uncertain ? zh.saveUncertain : zh.savePaused)
        : reply('error', zh.internalError);
    this.failures.add(failure);
    if (!stored && isStorageFailure(e)) this.unsaved.add(failure);
    return failure;
  }

  private actorFor(account: string): Actor | null {
    return actorFor(this.deps.store, this.deps.admins, account, this.deps.accountElsewhere);
  }
}
