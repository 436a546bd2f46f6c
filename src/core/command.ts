import type { z } from 'zod';
import type { Member, Project, PushKind, Role } from '../../storage/schema.ts';
import type { ChangeMeta, Store } from '../../storage/store.ts';
import type { DeliveryStatus } from '../delivery/delivery-status.ts';
import type { RaceView } from '../race/race-context.ts';
import { type ArgsOf, type AskFor, asksOf, type Fields, readerOf, schemaOf } from '../reader/args.ts';
import type { ArgGrammar } from '../reader/fields.ts';
import type { IncomingMessage } from './incoming.ts';
import type { Reply } from './reply.ts';

/** Who may run a command: `member` = anyone the bureau registered; `leader` = leaders and admins. */
export type Access = 'member' | 'leader' | 'admin';

/** The sender as the bot knows them. */
export interface Actor {
  account: string;
  name: string;
  role: Role;
  unitId: string | null;
  member: Member | null;
}

export interface CommandContext {
  store: Store;
  now: Date;
  actor: Actor;
  message: IncomingMessage;
  /** Metadata for a change this command makes, ready to pass to a store verb. */
  meta: ChangeMeta;
  /** The race as of `now` (settings, today), read once on first use. */
  readonly race: RaceView;
  /** The line a change ends with: it can be undone for a while. */
  undoHint: string;
  /**
   * Before a write that contradicts the ledger: unless the person already confirmed `check` for
   * this message, the bot asks `question()` and writes nothing (src/core/ask-first.ts).
   */
  checkFirst(check: string, contradicts: boolean, question: () => string): void;
  /** An argument as the person wrote it (「约5亿」), for what its schema does not keep. */
  said(key: string): string | undefined;
  /** Finds one project by 编号, name or part of it, or refuses with a list to choose from; frozen. */
  project(ref: string, purpose: 'read' | 'write'): Readonly<Project>;
  /** The same, but a quoted or unmatched name means "a new project" (returns null). */
  projectOrNew(ref: string, quoted: boolean): Readonly<Project> | null;
  /** Whether the actor may see this project (src/domain/visibility.ts: members their unit's and their task forces'). */
  canRead(project: Readonly<Project>): boolean;
  /** Refuses unless the actor may change this project (members: their own unit's). */
  assertCanChange(project: Readonly<Project>): void;
  /** The unit a new project belongs to: the member's own, or the one an admin names. */
  unitForNewProject(unitName: string | undefined): string;
  specs: ReadonlyArray<CommandSpec>;
  /** How pushes to each destination are going (since this process started). */
  deliveries: DeliveryStatus;
  /** Starts pushes by hand; null when the bot runs without the push service (the console). */
  pushNow: PushStarter | null;
  /** Hands out 导出台账 download links; null when the bot runs without a web server (the console). */
  ledgerDesk: LedgerDesk | null;
  /** The phrase that matched, for commands with several triggers that differ slightly in meaning. */
  trigger: string;
  /** Accounts that are admins by the server's SAIMA_ADMINS setting: chat cannot take that away. */
  envAdmins: ReadonlySet<string>;
  /** SAIMA_PUBLIC_URL without a trailing slash: where links the bot hands out point; null when unset. */
  publicUrl: string | null;
  /** True for an account of another district of this deployment: a member belongs to one district. */
  accountElsewhere(account: string): boolean;
}

/** The command 「帮助 …」 suggests as an example: 登记签约 where the bot has it (a district), else its first (the city). */
export function helpExample(specs: ReadonlyArray<CommandSpec>): string {
  const spec = specs.find((s) => s.id === 'register-signing') ?? specs[0];
  return spec ? commandName(spec) : '';
}

/** What the server offers for starting a push by hand. */
export interface PushTrigger {
  /** The chat platforms that can send pushes now; empty when none is configured. */
  platforms(): string[];
  /** Whether a push can reach this bound group (a WeCom group also needs its robot key). */
  canSend(platform: string, chatId: string): boolean;
  run(kind: PushKind): Promise<unknown>;
}

/** The workbook a person asked for with 导出台账: built when the link is fetched, from the store as it is then. */
export interface LedgerRequest {
  account: string;
  year: number;
  /** The last day counted (Shanghai). */
  asOf: string;
  /** A member's export: only their unit's rows; null: the district's. */
  unitId: string | null;
}

/** What the server offers for 导出台账: a personal link that works once and expires. */
export interface LedgerDesk {
  /** The link, or null when the bot cannot serve files (no SAIMA_PUBLIC_URL). */
  offer(request: LedgerRequest): string | null;
  /** How long a link stays valid, in minutes. */
  readonly minutes: number;
}

/** A push trigger whose `start` never rejects: a failure is logged and shown in 推送状态. */
export interface PushStarter extends Omit<PushTrigger, 'run'> {
  start(kind: PushKind): void;
}

/**
 * One command, declared as data: its triggers build the phrase tables, its description and
 * examples build `帮助`, its grammar and schema read the arguments, its handler returns a reply.
 */
export interface CommandSpec<A = unknown> {
  id: string;
  /** Chinese phrases that start the message; the first is the canonical one. */
  triggers: string[];
  /** Phrases that end the message, with the argument before them (`再生铝项目进展如何`). */
  suffixes?: string[];
  /** Whole-message forms with a number inside (`6月晾晒`, `2023年上半年总结`); named groups are the arguments. */
  patterns?: RegExp[];
  summary: string;
  usage: string;
  examples: string[];
  access: Access;
  writes: boolean;
  grammar: ArgGrammar;
  schema: (now: Date) => z.ZodType<A>;
  /** How to ask for an argument a message lacks, by key; a missing one without an entry is refused. */
  asks: Record<string, AskFor>;
  handle(args: A, ctx: CommandContext): Reply;
}

/** What `帮助` and refusals call a command: its first trigger, or the start of its usage for pattern commands. */
export function commandName(spec: CommandSpec): string {
  return spec.triggers[0] ?? (spec.usage.split(/[（ ]/)[0] as string);
}

/**
 * A command as written in `commands/`: its arguments are declared once, as fields (see
 * src/reader/args.ts), and the reader's grammar and the schema follow from them. A command
 * without arguments leaves `args` out.
 */
export type CommandDefinition<F extends Fields> = Omit<
  CommandSpec,
  'grammar' | 'schema' | 'asks' | 'handle'
> & {
  args?: F;
  handle(args: ArgsOf<F>, ctx: CommandContext): Reply;
};

export function defineCommand<F extends Fields = Record<never, never>>(
  definition: CommandDefinition<F>,
): CommandSpec {
  const { args, ...spec } = definition;
  const fields = args ?? ({} as F);
  return {
    ...spec,
    grammar: readerOf(fields),
    schema: schemaOf(fields),
    asks: asksOf(fields),
  } as unknown as CommandSpec;
}
