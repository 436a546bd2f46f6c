import type { Project } from '../../storage/schema.ts';
import type { ChangeMeta, Store } from '../../storage/store.ts';
import type { DeliveryStatus } from '../delivery/delivery-status.ts';
import { changeableBy, visibleTo } from '../domain/visibility.ts';
import { type RaceView, raceView } from '../race/race-context.ts';
import { zh } from '../text/zh.ts';
import { AskFirst } from './ask-first.ts';
import { ChoiceNeeded } from './choice.ts';
import type { Actor, CommandContext, CommandSpec } from './command.ts';
import { UserError } from './errors.ts';
import type { IncomingMessage } from './incoming.ts';

interface ContextInput {
  store: Store;
  now: Date;
  actor: Actor;
  message: IncomingMessage;
  meta: ChangeMeta;
  specs: ReadonlyArray<CommandSpec>;
  deliveries: DeliveryStatus;
  pushNow: CommandContext['pushNow'];
  ledgerDesk?: CommandContext['ledgerDesk'];
  trigger: string;
  envAdmins: ReadonlySet<string>;
  publicUrl: string | null;
  accountElsewhere?: (account: string) => boolean;
  /** Checks of the ledger the person already confirmed for this message. */
  confirmed?: ReadonlySet<string>;
  /** The arguments as written, before their schema read them. */
  raw?: Readonly<Record<string, string | string[] | undefined>>;
}

function unitName(store: Store, unitId: string): string {
  return store.unit(unitId)?.name ?? unitId;
}

const PROJECT_ID = /^P\d{4}-\d{3,}$/i;

const notFound = (ref: string, closest: ReadonlyArray<Readonly<Project>>) =>
  new UserError(
    [
      zh.projectUnknown(ref),
      closest.length ? zh.projectClosest(closest.map((p) => `${p.name}（${p.id}）`)) : zh.projectNoneClose,
    ].join(''),
  );

const isExactly = (p: Readonly<Project>, ref: string) => p.name === ref || p.id === ref.trim().toUpperCase();

export function makeContext(input: ContextInput): CommandContext {
  const { store, actor } = input;

  // the one rule (src/domain/visibility.ts); every project lookup and list goes through it
  const canRead = visibleTo(store, actor);
  const canChange = changeableBy(actor);

  const assertCanChange = (p: Readonly<Project>) => {
    if (canChange(p)) return;
    // a project the actor may not read does not exist for them: the refusal must not say otherwise
    if (!canRead(p)) throw notFound(p.id, []);
    throw new UserError(zh.notYourUnit(p.name, unitName(store, p.unitId)));
  };

  let race: RaceView | null = null;

  // every field named, not `...input`: a spread into a literal with accessors and methods built a
  // slow object, a tenth of answering a 查询
  return {
    store,
    now: input.now,
    actor,
    message: input.message,
    meta: input.meta,
    specs: input.specs,
    deliveries: input.deliveries,
    pushNow: input.pushNow,
    trigger: input.trigger,
    envAdmins: input.envAdmins,
    ledgerDesk: input.ledgerDesk ?? null,
    publicUrl: input.publicUrl,
    accountElsewhere: input.accountElsewhere ?? (() => false),
    get race() {
      race ??= raceView(store, input.now);
      return race;
    },
    undoHint: zh.undoHint,
    said(key) {
      const value = input.raw?.[key];
      return typeof value === 'string' ? value : undefined;
    },
    checkFirst(check, contradicts, question) {
      if (contradicts && !input.confirmed?.has(check)) throw new AskFirst(check, question());
    },
    canRead,
    assertCanChange,
    project(ref, purpose) {
      const m = store.resolveProject(ref, { within: purpose === 'write' ? canChange : canRead });
      if (m.kind === 'one') return m.project;
      if (m.kind === 'many') throw new ChoiceNeeded(ref, m.projects, false);
      if (purpose === 'write') {
        // one the actor can read but not change (a task force partner's, or any for a leader) is named
        const seen = store.resolveProject(ref, { within: canRead, suggest: false });
        if (seen.kind === 'one') assertCanChange(seen.project);
        if (seen.kind === 'many') throw new UserError(zh.noneYours(ref));
      }
      throw notFound(ref, m.closest);
    },
    projectOrNew(ref, quoted) {
      // what one may change one may read: a name no readable project has is new, found in one search
      const seen = store.resolveProject(ref, { within: canRead, suggest: false });
      if (seen.kind === 'none') {
        // a 编号 names an existing project; it never becomes a new project's name
        if (PROJECT_ID.test(ref.trim())) throw notFound(ref, []);
        return null;
      }
      const m = store.resolveProject(ref, { suggest: false, within: canChange });
      if (m.kind === 'one' && (!quoted || isExactly(m.project, ref))) {
        // a part of a name: ask rather than assume it is that project
        if (!isExactly(m.project, ref)) throw new ChoiceNeeded(ref, [m.project], true);
        return m.project;
      }
      if (m.kind === 'many' && !quoted) throw new ChoiceNeeded(ref, m.projects, true);
      if (m.kind === 'none') {
        if (seen.kind === 'one' && isExactly(seen.project, ref)) assertCanChange(seen.project);
        if (PROJECT_ID.test(ref.trim())) throw notFound(ref, []);
      }
      return null;
    },
    unitForNewProject(name) {
      if (name !== undefined) {
        const unit = store.unitByName(name);
        if (!unit) throw new UserError(zh.unitUnknown(name));
        if (actor.role !== 'admin' && unit.id !== actor.unitId) {
          throw new UserError(zh.notYourUnitForNew(unit.name));
        }
        return unit.id;
      }
      if (actor.unitId) return actor.unitId;
      throw new UserError(actor.role === 'admin' ? zh.adminNeedsUnit : zh.noUnitForMember);
    },
  };
}
