import { JournalWriteError, SavePausedError } from '../../storage/save-errors.ts';
import type { Pending } from '../../storage/schema.ts';
import { isActiveMember, type Store } from '../../storage/store.ts';
import type { DeliveryStatus } from '../delivery/delivery-status.ts';
import { atLeast, ROLE_NAMES } from '../domain/roles.ts';
import { type RawArgs, readFields, withinLimits } from '../reader/fields.ts';
import { projectNameKnown } from '../reader/known-projects.ts';
import { charCount, MAX_MESSAGE_CHARS } from '../reader/limits.ts';
import { type Normalized, normalize } from '../reader/normalize.ts';
import { CommandGuesser } from '../reader/typo.ts';
import { zh } from '../text/zh.ts';
import { type Clock, localDate } from '../time/clock.ts';
import { typedValue } from '../understand/answers.ts';
import { asks, fieldsIn, understand } from '../understand/index.ts';
import { AskFirst } from './ask-first.ts';
import {
  askAmong,
  asked,
  askForMissing,
  askToConfirm,
  askWhichProject,
  type Held,
  isCancelOption,
  type Question,
  readAnswer,
} from './asking.ts';
import { ChoiceNeeded } from './choice.ts';
import { type Actor, type CommandSpec, commandName, type PushStarter, type PushTrigger } from './command.ts';
import { makeContext } from './context.ts';
import { isUserError } from './errors.ts';
import { FloodGate, MEMBER_MESSAGES_PER_MINUTE } from './flood-gate.ts';
import type { IncomingMessage } from './incoming.ts';
import type { Logger } from './logger.ts';
import { lookupFor } from './lookup.ts';
import { type Match, Matcher } from './matcher.ts';
import { resolveQuote } from './quote.ts';
import { type Reply, reply } from './reply.ts';

export interface BotDeps {
  store: Store;
  clock: Clock;
  specs: ReadonlyArray<CommandSpec>;
  deliveries: DeliveryStatus;
  pushNow?: PushTrigger | null;
  /** Platform user ids who are bureau admins whether or not they were added as members. */
  admins: ReadonlySet<string>;
  logger: Logger;
  /** How many messages one sender may send per minute through `receive`; more are slowed down. */
  memberMessagesPerMinute?: number;
  /** Real elapsed time for the flood window, even when the business clock is frozen (SAIMA_NOW). */
  rateClock?: () => number;
  /** The bot's own names (SAIMA_BOT_NAMES), so `@赛马助手登记签约` loses only the mention. */
  botNames?: readonly string[];
}

/** What a platform receiver does with a message. */
export type Received =
  /** Send the reply. */
  | { kind: 'answered'; reply: Reply }
  /** Send nothing: a flooding sender's excess message, not processed and not marked handled. */
  | { kind: 'dropped' }
  /** The store refused the write: nothing was kept, so the platform should deliver it again. */
  | { kind: 'unsaved'; reply: Reply };

/** A write the journal refused (disk full, I/O error, closed store): nothing of the message was kept. */
function isStorageFailure(e: unknown): boolean {
  if (e instanceof JournalWriteError || e instanceof SavePausedError) return true;
  if (!(e instanceof Error)) return false;
  const code = (e as NodeJS.ErrnoException).code;
  return (typeof code === 'string' && /^E[A-Z]+$/.test(code)) || e.message === 'store is closed';
}

/** Arguments as a question keeps them: no empty entries. */
function definedArgs(raw: RawArgs): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = v;
  return out;
}

/** One message on its way through the pipeline, with the conversation it belongs to. */
interface Turn {
  message: IncomingMessage;
  key: string | null;
  actor: Actor;
  now: Date;
  /** platform:chat:sender — whose question an answer may complete. */
  id: string;
  /** The messages this turn completes, oldest first (the question's and the answer). */
  said: string[];
  /** Names the command for the failure log. */
  onCommand(id: string): void;
}

/** Replies to stored changes kept in memory, so a platform retry gets the full answer again. */
const RECENT_LIMIT = 2000;

/**
 * The one pipeline every platform feeds: normalize → dedupe → who is it → match → authorize →
 * read arguments → handle → reply model. It never throws: every failure becomes a reply.
 */
export class Bot {
  readonly matcher: Matcher;
  private readonly guesser: CommandGuesser;
  private readonly recent = new Map<string, Reply>();
  /** Replies that report a failure: never remembered as the answer to their message. */
  private readonly failures = new WeakSet<Reply>();
  private readonly schemas = new Map<string, ReturnType<CommandSpec['schema']>>();
  private readonly pushes: PushStarter | null;
  private readonly flood: FloodGate;
  private readonly unsaved = new WeakSet<Reply>();

  constructor(private readonly deps: BotDeps) {
    this.matcher = new Matcher(deps.specs);
    this.guesser = new CommandGuesser(deps.specs.flatMap((s) => s.triggers));
    this.pushes = deps.pushNow ? this.guarded(deps.pushNow) : null;
    this.flood = new FloodGate(deps.memberMessagesPerMinute ?? MEMBER_MESSAGES_PER_MINUTE);
  }

  /**
   * The entry for chat platforms: a sender over the flood limit is stopped before any lookup or
   * write (the console, run by the bot's own OS user, calls `handle` directly and is not limited).
   */
  receive(message: IncomingMessage): Received {
    const now = (this.deps.rateClock ?? Date.now)();
    const verdict = this.flood.admit(`${message.platform}:${message.senderId}`, now);
    if (verdict === 'drop') return { kind: 'dropped' };
    if (verdict === 'slow-down') {
      const limit = this.deps.memberMessagesPerMinute ?? MEMBER_MESSAGES_PER_MINUTE;
      return { kind: 'answered', reply: reply('warn', zh.slowDown(limit)) };
    }
    const answer = this.handle(message);
    // an unsaved reply is never cached or marked handled: the platform's next delivery runs it again
    return this.unsaved.has(answer)
      ? { kind: 'unsaved', reply: answer }
      : { kind: 'answered', reply: answer };
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
      if (done) return reply('ok', zh.duplicateMessage(done.summary));
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
        resolveQuote(message.text, message.quote).replace(/^\s*[?？]+(?=\s*[^\s?？])/u, ''),
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
      const waiting = this.deps.store.pendingQuestion(turn.id);
      // the platform delivering again the message that led to this question: it asks again, answers nothing
      if (waiting && key !== null && waiting.messageKey === key) return asked(waiting);
      if (waiting && turn.now.getTime() <= Date.parse(waiting.expiresAt))
        return this.answering(waiting, normalized, turn);
      if (waiting && /^\d{1,2}$/.test(text)) {
        this.deps.store.dropQuestion(this.bookkeeping(turn), turn.id);
        return reply('info', zh.askExpired);
      }
      return this.fresh(normalized, turn, null);
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

  /** Metadata for the bot's own bookkeeping of a conversation (asking, dropping a question). */
  private bookkeeping(turn: Turn) {
    return { actor: turn.actor.account, command: 'ask', at: turn.now, text: turn.message.text };
  }

  /** A reply while a question waits: the answer completes the held message; anything else is read anew. */
  private answering(waiting: Pending, normalized: Normalized, turn: Turn): Reply {
    const text = normalized.text;
    const looksLikeCommand = this.matcher.match(text) !== null || this.standsAlone(normalized, turn);
    const answer = readAnswer(waiting, text, looksLikeCommand);
    if (answer.kind === 'cancel' || (answer.kind === 'option' && isCancelOption(answer.option))) {
      this.deps.store.dropQuestion(this.bookkeeping(turn), turn.id);
      return reply('info', zh.askCancelled);
    }
    if (answer.kind === 'out-of-range') return reply('question', zh.askPickNumber(answer.count));
    const resumed: Turn = { ...turn, said: [...waiting.said, turn.message.text] };
    if (answer.kind === 'option' && answer.option.text !== undefined) {
      return this.fresh(normalize(answer.option.text), resumed, waiting);
    }
    if (answer.kind === 'option' || answer.kind === 'value') {
      const option = answer.kind === 'option' ? answer.option : null;
      const commandId = option?.command ?? waiting.command;
      const spec = this.deps.specs.find((s) => s.id === commandId);
      if (!spec) throw new Error(`waiting question names unknown command ${commandId}`);
      const raw: RawArgs = option?.command ? { ...option.set } : { ...waiting.raw, ...option?.set };
      if (answer.kind === 'value' && waiting.field) {
        raw[waiting.field] = waiting.free ? typedValue(waiting.free, answer.value, turn.now) : answer.value;
        // what the answer says beside the value (「6000万，银行回单」) fills fields still empty
        const extra = fieldsIn(spec.id, answer.value, turn.now, lookupFor(this.deps.store, turn.actor));
        for (const [k, v] of Object.entries(extra))
          if (raw[k] === undefined && k !== waiting.field) raw[k] = v;
      }
      const confirmed = option?.confirm ? [...waiting.confirmed, option.confirm] : waiting.confirmed;
      return this.execute(spec, raw, resumed, { trigger: waiting.trigger, confirmed });
    }
    return this.fresh(normalized, turn, waiting);
  }

  /**
   * A reply that is a question, or a report naming its own project (「再生铝项目今天到位3000万」), is a
   * new message, never a typed value for the question waiting: else it would be written into the held one.
   */
  private standsAlone(normalized: Normalized, turn: Turn): boolean {
    const asked = normalized.asked || asks(normalized.text);
    if (asked) return true;
    const understood = understand(normalized.text, turn.now, lookupFor(this.deps.store, turn.actor), false);
    return (
      understood?.kind === 'several' ||
      understood?.kind === 'query' ||
      (understood?.kind === 'report' && understood.raw.name !== undefined)
    );
  }

  /** A message read on its own: a command word first, then what it says in plain words. */
  private fresh(normalized: Normalized, turn: Turn, waiting: Pending | null): Reply {
    const text = normalized.text;
    const match = this.matcher.match(text);
    // normalize took a closing `？` off the text; `asked` remembers it
    const asked = normalized.asked || asks(text);
    // a question is never a write, even when it starts with a report's word (「进度怎么样了」)
    const runnable = match && !(match.spec.writes && asked) ? match : null;
    // a phrase at the end (「…进展怎么样」) may ask after a task force or a unit rather than a project
    const bySuffix = runnable !== null && runnable.argsAt === 0 && runnable.args !== '';
    if (runnable && !bySuffix) return this.run(runnable, normalized, turn, waiting);
    // a mistyped command word (「登级签约 …」) runs only after the person says 「1」: never on a guess
    const guess = runnable ? null : this.guesser.guess(text);
    if (guess) {
      const corrected = `${guess.trigger} ${guess.rest}`.trim();
      const held: Held = {
        id: turn.id,
        actor: turn.actor.account,
        command: null,
        trigger: '',
        raw: {},
        confirmed: [],
        said: turn.said,
      };
      const option = {
        label: zh.typoRun(corrected.slice(0, 40)),
        words: ['是', '是的', '对', '执行', '确认', guess.trigger],
        text: corrected,
      };
      return this.hold(askAmong(zh.typoQuestion(guess.trigger), [option], held, turn.now), turn);
    }
    const understood = understand(text, turn.now, lookupFor(this.deps.store, turn.actor), asked);
    if (runnable && !(understood?.kind === 'query' && !understood.text.startsWith('查询 '))) {
      return this.run(runnable, normalized, turn, waiting);
    }
    if (understood?.kind === 'query') {
      const routed = normalize(understood.text);
      const query = this.matcher.match(routed.text);
      if (query) return this.run(query, routed, turn, waiting);
    }
    if (understood?.kind === 'report') {
      const spec = this.specFor(understood.command);
      if (waiting) this.deps.store.dropQuestion(this.bookkeeping(turn), turn.id);
      return this.execute(spec, understood.raw, turn, { trigger: commandName(spec), confirmed: [] });
    }
    if (understood?.kind === 'several') {
      const held: Held = {
        id: turn.id,
        actor: turn.actor.account,
        command: null,
        trigger: '',
        raw: {},
        confirmed: [],
        said: turn.said,
      };
      const options = understood.readings.map((r) => {
        const name = commandName(this.specFor(r.command));
        return { label: name, words: [name], command: r.command, set: definedArgs(r.raw) };
      });
      return this.hold(askAmong(zh.askWhichReport, options, held, turn.now), turn);
    }
    const suggestions = this.matcher.suggest(text);
    return reply('question', zh.notUnderstood(text), [
      ...(waiting ? [zh.askStillWaiting(waiting.question)] : []),
      ...(suggestions.length ? [zh.didYouMean(suggestions)] : []),
      zh.seeHelp,
    ]);
  }

  private specFor(id: string): CommandSpec {
    const spec = this.deps.specs.find((s) => s.id === id);
    if (!spec) throw new Error(`no command ${id}`);
    return spec;
  }

  /** Runs a matched command word: reads its arguments and executes it. */
  private run(match: Match, normalized: Normalized, turn: Turn, waiting: Pending | null): Reply {
    // a new message that is not an answer ends the question before it runs
    if (waiting) this.deps.store.dropQuestion(this.bookkeeping(turn), turn.id);
    const { spec } = match;
    turn.onCommand(spec.id);
    if (!atLeast(turn.actor.role, spec.access)) {
      return reply('error', zh.denied(commandName(spec), ROLE_NAMES[spec.access]));
    }
    let raw: RawArgs;
    try {
      raw =
        match.groups ??
        readFields(
          match.args,
          spec.grammar,
          (from) => normalized.original(match.argsAt + from),
          projectNameKnown(this.deps.store, turn.actor),
        );
    } catch (e) {
      if (isUserError(e)) return reply('error', e.message, [], { hint: e.hint ?? spec.usage });
      throw e;
    }
    return this.execute(spec, raw, turn, { trigger: match.trigger, confirmed: [] });
  }

  /** Checks the arguments and runs the command; asks instead when one answerable thing is missing or unclear. */
  private execute(
    spec: CommandSpec,
    raw: RawArgs,
    turn: Turn,
    how: { trigger: string; confirmed: string[] },
  ): Reply {
    turn.onCommand(spec.id);
    if (!atLeast(turn.actor.role, spec.access)) {
      return reply('error', zh.denied(commandName(spec), ROLE_NAMES[spec.access]));
    }
    const held: Held = {
      id: turn.id,
      actor: turn.actor.account,
      command: spec.id,
      trigger: how.trigger,
      raw,
      confirmed: how.confirmed,
      said: turn.said,
    };
    try {
      // a sentence or a typed answer never went through readFields, which holds names to 60 characters
      withinLimits(raw, spec.grammar);
    } catch (e) {
      if (isUserError(e)) return reply('error', e.message, [], { hint: e.hint ?? spec.usage });
      throw e;
    }
    const parsed = this.schemaFor(spec, turn.now).safeParse(raw);
    if (!parsed.success) {
      // a command word alone is a person asking how to write it: the usage answers that better than a quiz
      const started = Object.values(raw).some((v) => v !== undefined);
      const ask =
        spec.writes && started ? askForMissing(spec, raw, parsed.error.issues, held, turn.now) : null;
      if (ask) return this.hold(ask, turn);
      const problems = [...new Set(parsed.error.issues.map((i) => i.message))];
      return reply('error', problems[0] as string, problems.slice(1), { hint: spec.usage });
    }
    const { message, actor, now, key } = turn;
    const ctx = makeContext({
      store: this.deps.store,
      now,
      actor,
      message,
      specs: this.deps.specs,
      deliveries: this.deps.deliveries,
      pushNow: this.pushes,
      trigger: how.trigger,
      envAdmins: this.deps.admins,
      confirmed: new Set(how.confirmed),
      meta: {
        actor: actor.account,
        command: spec.id,
        at: now,
        messageKey: key,
        text: turn.said.join(' → '),
        settles: turn.id,
      },
    });
    try {
      return spec.handle(parsed.data, ctx);
    } catch (e) {
      if (e instanceof ChoiceNeeded) {
        return this.hold(askWhichProject(e, spec.grammar.head?.key ?? 'name', held, now), turn);
      }
      if (e instanceof AskFirst) return this.hold(askToConfirm(e, held, now), turn);
      if (isUserError(e)) return reply('error', e.message, [], { hint: e.hint ?? spec.usage });
      throw e;
    }
  }

  /** Keeps the message for the person's answer (in the store: a restart or another process still finds it). */
  private hold(question: Question, turn: Turn): Reply {
    this.deps.store.holdQuestion(this.bookkeeping(turn), { ...question.pending, messageKey: turn.key });
    return question.reply;
  }

  /**
   * Argument schemas depend on "now" only through the Shanghai date (今天, this year, no future
   * dates), so each is built once a day instead of once a message.
   */
  private schemaFor(spec: CommandSpec, now: Date) {
    const day = localDate(now);
    const key = `${spec.id}@${day}`;
    let schema = this.schemas.get(key);
    if (!schema) {
      if (this.schemas.size > 500) this.schemas.clear();
      schema = spec.schema(new Date(`${day}T12:00:00+08:00`));
      this.schemas.set(key, schema);
    }
    return schema;
  }

  private actorFor(account: string): Actor | null {
    const isEnvAdmin = this.deps.admins.has(account);
    const found = this.deps.store.memberByAccount(account);
    // a 停用/删除 member is a stranger to the bot; their records stay
    const member = found && isActiveMember(found) ? found : null;
    if (member) {
      return {
        account,
        name: member.name,
        role: isEnvAdmin ? 'admin' : member.role,
        unitId: member.unitId,
        member,
      };
    }
    if (isEnvAdmin) return { account, name: account, role: 'admin', unitId: null, member: null };
    return null;
  }
}
