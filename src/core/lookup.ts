import { isActiveMember, type Store } from '../../storage/store.ts';
import { visibleTo } from '../domain/visibility.ts';
import type { Lookup } from '../understand/index.ts';
import type { Actor } from './command.ts';

/** What was worked out from the ledger as it stood at one change; any later change recomputes it. */
const memo = new WeakMap<Store, { seq: number; values: Map<string, unknown> }>();

function remembered<T>(store: Store, key: string, make: () => T): T {
  let entry = memo.get(store);
  if (!entry || entry.seq !== store.seq) {
    entry = { seq: store.seq, values: new Map() };
    memo.set(store, entry);
  }
  if (!entry.values.has(key)) {
    // one entry per sender at most; a busy day of senders stays small
    if (entry.values.size > 2000) entry.values.clear();
    entry.values.set(key, make());
  }
  return entry.values.get(key) as T;
}

/**
 * What a sender may see, for reading names in a sentence: projects they may not read do not exist
 * for the reader, so a sentence can never be matched to (or reveal) another unit's project.
 */
export function lookupFor(store: Store, actor: Actor): Lookup {
  return {
    projects: () =>
      remembered(store, `projects:${actor.account}:${actor.role}`, () => {
        const canRead = visibleTo(store, actor);
        return store.scanProjects((all) => (actor.role === 'member' ? all.filter(canRead) : all));
      }),
    unitNames: () => store.units().map((u) => u.name),
    chainNames: () =>
      remembered(store, 'chains', () => [
        ...new Set([
          ...store.chains().map((c) => c.name),
          ...store.scanProjects((all) => all.flatMap((p) => (p.chain ? [p.chain] : []))),
        ]),
      ]),
    leaderNames: () =>
      store
        .members()
        .filter((m) => m.role === 'leader' && isActiveMember(m))
        .map((m) => m.name),
    ownUnit: () => (actor.unitId ? (store.unit(actor.unitId)?.name ?? null) : null),
  };
}
