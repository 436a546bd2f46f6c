import type { Project } from '../../storage/schema.ts';
import { isActiveMember, type Store } from '../../storage/store.ts';
import { visibleTo } from '../domain/visibility.ts';
import type { Lookup } from '../understand/index.ts';
import type { Actor } from './command.ts';

/**
 * What a sender may see, for reading names in a sentence: projects they may not read do not exist
 * for the reader, so a sentence can never be matched to (or reveal) another unit's project.
 */
export function lookupFor(store: Store, actor: Actor): Lookup {
  let projects: ReadonlyArray<Readonly<Project>> | null = null;
  return {
    projects: () => {
      if (!projects) {
        const canRead = visibleTo(store, actor);
        projects = store.scanProjects((all) => all.filter(canRead));
      }
      return projects;
    },
    unitNames: () => store.units().map((u) => u.name),
    chainNames: () => [
      ...new Set([
        ...store.chains().map((c) => c.name),
        ...store.scanProjects((all) => all.flatMap((p) => (p.chain ? [p.chain] : []))),
      ]),
    ],
    leaderNames: () =>
      store
        .members()
        .filter((m) => m.role === 'leader' && isActiveMember(m))
        .map((m) => m.name),
    ownUnit: () => (actor.unitId ? (store.unit(actor.unitId)?.name ?? null) : null),
  };
}
