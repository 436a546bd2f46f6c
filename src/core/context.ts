import type { Project } from '../../storage/schema.ts';
import type { ChangeMeta, Store } from '../../storage/store.ts';
import type { DeliveryStatus } from '../delivery/delivery-status.ts';
import { zh } from '../text/zh.ts';
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
  trigger: string;
}

function unitName(store: Store, unitId: string): string {
  return store.unit(unitId)?.name ?? unitId;
}

export function makeContext(input: ContextInput): CommandContext {
  const { store, actor } = input;

  const canRead = (p: Readonly<Project>) => actor.role !== 'member' || p.unitId === actor.unitId;

  const assertCanChange = (p: Project) => {
    if (actor.role === 'admin') return;
    if (actor.unitId !== p.unitId) throw new UserError(zh.notYourUnit(p.name, unitName(store, p.unitId)));
  };

  const notFound = (ref: string, closest: Project[]) =>
    new UserError(
      [
        zh.projectUnknown(ref),
        closest.length ? zh.projectClosest(closest.map((p) => `${p.name}（${p.id}）`)) : zh.projectNoneClose,
      ].join(''),
    );

  return {
    ...input,
    canRead,
    assertCanChange,
    project(ref, purpose) {
      const m = store.resolveProject(ref);
      if (m.kind === 'none') throw notFound(ref, m.closest.filter(canRead));
      if (m.kind === 'many') throw new ChoiceNeeded(ref, m.projects, false);
      if (purpose === 'write') assertCanChange(m.project);
      else if (!canRead(m.project)) throw new UserError(zh.notYourUnitRead(m.project.name));
      return m.project;
    },
    projectOrNew(ref, quoted) {
      const m = store.resolveProject(ref, { suggest: false });
      if (m.kind === 'one' && (!quoted || m.project.name === ref || m.project.id === ref.toUpperCase())) {
        if (m.project.name !== ref && m.project.id !== ref.toUpperCase()) {
          // a part of a name: ask rather than assume it is that project
          throw new ChoiceNeeded(ref, [m.project], true);
        }
        assertCanChange(m.project);
        return m.project;
      }
      if (m.kind === 'many' && !quoted) throw new ChoiceNeeded(ref, m.projects, true);
      return null;
    },
    unitForNewProject(name) {
      if (name !== undefined) {
        const unit = store.unitByName(name);
        if (!unit) throw new UserError(zh.unitUnknown(name));
        if (actor.role !== 'admin' && unit.id !== actor.unitId) {
          throw new UserError(zh.notYourUnit(name, unit.name));
        }
        return unit.id;
      }
      if (actor.unitId) return actor.unitId;
      throw new UserError(actor.role === 'admin' ? zh.adminNeedsUnit : zh.noUnitForMember);
    },
  };
}
