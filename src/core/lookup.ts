import { isActiveMember, type Store } from '../../storage/store.ts';
import { type Visible, visibleTo } from '../domain/visibility.ts';
import type { Lookup } from '../understand/index.ts';
import type { Actor } from './command.ts';

/**
 * What a sender may see, for reading names in a sentence: projects they may not read do not exist
 * for the reader, so a sentence can never be matched to (or reveal) another unit's project. Every
 * name is found through the ledger's indexes, so reading a sentence costs the same in a district
 * of any size.
 */
export function lookupFor(store: Store, actor: Actor): Lookup {
  let visible: Visible | undefined;
  let chains: string[] | undefined;
  // leaders and admins read every project: no test at all
  const within = () => {
    if (actor.role !== 'member') return undefined;
    visible ??= visibleTo(store, actor);
    return visible;
  };
  const taskForces = () => (chains ??= store.chains().map((c) => c.name));
  return {
    projectById: (id) => store.searchProjects(within(), (s) => s.byId(id)) ?? null,
    projectsContaining: (part, limit) => store.searchProjects(within(), (s) => s.containing(part, limit)),
    projectsWithPieces: (core, limit) => store.searchProjects(within(), (s) => s.withPieces(core, limit)),
    namesWrittenIn: (text) => store.searchProjects(within(), (s) => s.everydayNamesIn(text)),
    unitNames: () => store.units().map((u) => u.name),
    chainNames: () => [
      ...new Set([...taskForces(), ...store.searchProjects(undefined, (s) => s.chainTags())]),
    ],
    chainRank: (name) => {
      const i = taskForces().indexOf(name);
      return i >= 0 ? i : taskForces().length + store.searchProjects(undefined, (s) => s.firstTagged(name));
    },
    leaderNames: () =>
      store
        .members()
        .filter((m) => m.role === 'leader' && isActiveMember(m))
        .map((m) => m.name),
    ownUnit: () => (actor.unitId ? (store.unit(actor.unitId)?.name ?? null) : null),
  };
}
