import type { Pending } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import type { DeliveryStatus } from '../delivery/delivery-status.ts';
import { atLeast, ROLE_NAMES } from '../domain/roles.ts';
import { type RawArgs, readFields, withinLimits } from '../reader/fields.ts';
import { projectNameKnown } from '../reader/known-projects.ts';
import { charCount, MAX_NAME_CHARS } from '../reader/limits.ts';
import { type Normalized, normalize } from '../reader/normalize.ts';
import { CommandGuesser } from '../reader/typo.ts';
import { zh } from '../text/zh.ts';
import { localDate } from '../time/clock.ts';
import { typedValue } from '../understand/answers.ts';
import {
  asks,
  asksInProse,
  fieldsIn,
  UNSURE_NAME,
  type Understanding,
  understand,
} from '../understand/index.ts';
import { amountsIn } from '../understand/spans.ts';
import { AskFirst } from './ask-first.ts';
import {
  askAmong,
  asked,
  askForMissing,
  askNewProject,
  askToConfirm,
  askWhichProject,
  definedArgs,
  type Held,
  isCancelOption,
  type Question,
  readAnswer,
} from './asking.ts';
import { ChoiceNeeded } from './choice.ts';
import {
  type Actor,
  type CommandSpec,
  commandName,
  helpExample,
  type LedgerDesk,
  type PushStarter,
} from './command.ts';
import { makeContext } from './context.ts';
import { isUserError } from './errors.ts';
import type { IncomingMessage } from './incoming.ts';
import { lookupFor } from './lookup.ts';
import type { Match, Matcher } from './matcher.ts';
import { type Reply, reply } from './reply.ts';

/** How the reader names a project it recognised in a sentence. */
const PROJECT_ID = /^P\d{4}-\d{3,}$/u;

/** Keys of a command's fields: a reply holding one is not a plain value. */
const FIELD_WORDS = /合同额|金额|类型|日期|凭证|投资方|投资额|带队|对接企业|原因/u;

export interface TurnsDeps {
  store: Store;
  specs: ReadonlyArray<CommandSpec>;
  deliveries: DeliveryStatus;
  admins: ReadonlySet<string>;
  /** Starts pushes by hand; null without the push service. */
  pushes: PushStarter | null;
  /** Hands out 导出台账 links; null without a web server. */
  ledgerDesk?: LedgerDesk | null;
  matcher: Matcher;
  publicUrl: string | null;
  accountElsewhere?: (account: string) => boolean;
}

/** What a question keeps of this turn: the command to complete (none when options carry whole messages). */
function heldFor(
  turn: Turn,
  command: { id: string; trigger: string; raw: RawArgs; confirmed?: string[] } | null,
): Held {
  return {
    id: turn.id,
    actor: turn.actor.account,
    command: command?.id ?? null,
    trigger: command?.trigger ?? '',
    raw: command?.raw ?? {},
    confirmed: command?.confirmed ?? [],
    said: turn.said,
  };
}

/** One message on its way through the pipeline, with the conversation it belongs to. */
export interface Turn {
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

/**
 * A message from a known sender, read to its reply: the answer to a waiting question, a command
 * word, a mistyped one, or a sentence in plain words — then checked, asked about or run.
 */
export class Turns {
  private readonly guesser: CommandGuesser;
  private readonly schemas = new Map<string, ReturnType<CommandSpec['schema']>>();

  constructor(private readonly deps: TurnsDeps) {
    this.guesser = new CommandGuesser(deps.specs.flatMap((s) => s.triggers));
  }

  private get matcher(): Matcher {
    return this.deps.matcher;
  }

  start(normalized: Normalized, turn: Turn): Reply {
    const waiting = this.deps.store.pendingQuestion(turn.id);
    // the platform delivering again the message that led to this question: it asks again, answers nothing
    if (waiting && turn.key !== null && waiting.messageKey === turn.key) return asked(waiting);
    if (waiting && turn.now.getTime() <= Date.parse(waiting.expiresAt))
      return this.answering(waiting, normalized, turn);
    if (waiting && /^\d{1,2}$/.test(normalized.text)) {
      this.deps.store.dropQuestion(this.bookkeeping(turn), turn.id);
      return reply('info', zh.askExpired);
    }
    return this.fresh(normalized, turn, null);
  }

  /** Metadata for the bot's own bookkeeping of a conversation (asking, dropping a question). */
  private bookkeeping(turn: Turn) {
    return { actor: turn.actor.account, command: 'ask', at: turn.now, text: turn.message.text };
  }

  /** A reply while a question waits: the answer completes the held message; anything else is read anew. */
  private answering(waiting: Pending, normalized: Normalized, turn: Turn): Reply {
    const text = normalized.text;
    const answer = readAnswer(waiting, text, this.isNewMessage(waiting, normalized, turn));
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
        raw[waiting.field] = waiting.free
          ? typedValue(waiting.free, answer.value, turn.now, waiting.raw[waiting.field])
          : answer.value;
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
   * Whether a reply to a question is a message of its own rather than the value asked for: a command
   * word (even mistyped), a question, or a sentence the reader understands. A plain reply is taken as
   * the value asked for, held to the same limits as the command form (a name past 60 characters is refused).
   */
  private isNewMessage(waiting: Pending, normalized: Normalized, turn: Turn): boolean {
    const text = normalized.text;
    if (this.matcher.match(text) !== null || this.guesser.guess(text) !== null) return true;
    if (normalized.asked || asksInProse(text)) return true;
    // a name never carries an amount or a field: 「… 合同额5亿」 is a message of its own, not the project asked for
    // a name is a short plain answer; a reason or a note is free text and may say anything
    const askedForName = waiting.free === 'text' && waiting.field === 'name';
    if (askedForName && (amountsIn(text).length > 0 || FIELD_WORDS.test(text))) return true;
    const understood = understand(text, turn.now, lookupFor(this.deps.store, turn.actor), false);
    if (!understood) return false;
    // a report naming its own project (「再生铝项目今天到位3000万」) is never the amount asked for elsewhere
    // (a name merely guessed from the words, 「企业撤资」 → 企业, does not make a reason a new report)
    if (understood.kind !== 'report') return true;
    const name = understood.raw.name;
    return askedForName || (typeof name === 'string' && PROJECT_ID.test(name));
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
      const held = heldFor(turn, null);
      const option = {
        label: zh.typoRun(corrected.slice(0, 40)),
        words: ['是', '是的', '对', '执行', '确认', guess.trigger],
        text: corrected,
      };
      return this.hold(askAmong(zh.typoQuestion(guess.trigger), [option], held, turn.now), turn);
    }
    // read as prose, a question mark anywhere asks
    const understood = this.ownReading(
      understand(text, turn.now, lookupFor(this.deps.store, turn.actor), asked || asksInProse(text)),
    );
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
      const { [UNSURE_NAME]: unsure, headQuoted: _quoted, ...raw } = understood.raw;
      // a name past the limit is refused by `execute` like any other; only a name that could be kept is asked about
      const keepable = typeof raw.name === 'string' && charCount(raw.name) <= MAX_NAME_CHARS;
      if (unsure && keepable && typeof raw.name === 'string' && atLeast(turn.actor.role, spec.access)) {
        const held = heldFor(turn, { id: spec.id, trigger: commandName(spec), raw });
        return this.hold(askNewProject(raw.name, commandName(spec), held, turn.now), turn);
      }
      return this.execute(spec, understood.raw, turn, { trigger: commandName(spec), confirmed: [] });
    }
    if (understood?.kind === 'several') {
      const held = heldFor(turn, null);
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
      zh.seeHelp(helpExample(this.deps.specs)),
    ]);
  }

  /** A report this bot has no command for (the city's bot registers nothing) is not understood. */
  private ownReading(understood: Understanding | null): Understanding | null {
    const known = (command: string) => this.deps.specs.some((s) => s.id === command);
    if (understood?.kind === 'report') return known(understood.command) ? understood : null;
    if (understood?.kind !== 'several') return understood;
    const readings = understood.readings.filter((r) => known(r.command));
    if (readings.length > 1) return { kind: 'several', readings };
    return readings[0] ? { kind: 'report', ...readings[0] } : null;
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
    const held = heldFor(turn, { id: spec.id, trigger: how.trigger, raw, confirmed: how.confirmed });
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
      pushNow: this.deps.pushes,
      ledgerDesk: this.deps.ledgerDesk ?? null,
      trigger: how.trigger,
      envAdmins: this.deps.admins,
      publicUrl: this.deps.publicUrl,
      accountElsewhere: this.deps.accountElsewhere,
      confirmed: new Set(how.confirmed),
      raw,
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
}
