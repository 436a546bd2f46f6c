import type { CollectionName, StoreDocument } from './schema.ts';

type Entity<C extends CollectionName> = StoreDocument[C][string];

/** Which keys an entity is found under in one index; none leaves it out of the index. */
interface IndexSpec<C extends CollectionName> {
  collection: C;
  keysOf(entity: Entity<C>): readonly string[];
}

function spec<C extends CollectionName>(collection: C, keysOf: (e: Entity<C>) => readonly string[]) {
  return { collection, keysOf } as IndexSpec<CollectionName>;
}

/**
 * What writes and lookups find by something other than the id. The 编号 needs none: it is the
 * projects' own key. Every index is kept by the same call that changes the document, so an index
 * can never say something the records do not.
 */
export const INDEX_SPECS = {
  /** Names are unique within a unit; the key is the exact name as stored. */
  projectsByName: spec('projects', (p) => [p.name]),
  projectsByUnit: spec('projects', (p) => [p.unitId]),
  /** What `撤销` looks through: one member's changes, not everybody's. */
  changesByActor: spec('changes', (c) => [c.actor]),
  membersByAccount: spec('members', (m) => [m.account]),
  membersByName: spec('members', (m) => [m.name]),
  /** The outbox worker's loop per destination: what is still to go to one chat. */
  pendingOutboxByDestination: spec('outbox', (i) =>
    i.status === 'pending' ? [`${i.platform}:${i.chatId}`] : [],
  ),
  outboxByStatus: spec('outbox', (i) => [i.status]),
  /** A push run's messages: which groups it has written, and how their delivery went. */
  outboxByRun: spec('outbox', (i) => [i.runId]),
} as const;

export type IndexName = keyof typeof INDEX_SPECS;

const BY_COLLECTION = new Map<string, IndexName[]>();
for (const [name, s] of Object.entries(INDEX_SPECS) as Array<[IndexName, IndexSpec<CollectionName>]>) {
  BY_COLLECTION.set(s.collection, [...(BY_COLLECTION.get(s.collection) ?? []), name]);
}

const EMPTY: ReadonlySet<string> = new Set();

export class Indexes {
  private readonly maps = new Map<IndexName, Map<string, Set<string>>>();

  constructor(doc: Readonly<StoreDocument>) {
    for (const name of Object.keys(INDEX_SPECS) as IndexName[]) this.maps.set(name, new Map());
    for (const c of BY_COLLECTION.keys()) {
      for (const [id, entity] of Object.entries(doc[c as CollectionName] as Record<string, unknown>))
        this.replaced(c, id, undefined, entity);
    }
  }

  /** Ids of the records filed under `key`; a live set, never to be changed by the caller. */
  ids(name: IndexName, key: string): ReadonlySet<string> {
    return this.maps.get(name)?.get(key) ?? EMPTY;
  }

  /** Called for every record the document replaces, adds or deletes (`undefined` = absent). */
  replaced(c: string, id: string, before: unknown, after: unknown): void {
    const names = BY_COLLECTION.get(c);
    if (!names) return;
    for (const name of names) {
      const s = INDEX_SPECS[name] as IndexSpec<CollectionName>;
      const map = this.maps.get(name) as Map<string, Set<string>>;
      const old = before === undefined ? [] : s.keysOf(before as Entity<CollectionName>);
      const now = after === undefined ? [] : s.keysOf(after as Entity<CollectionName>);
      for (const key of old) {
        if (now.includes(key)) continue;
        const set = map.get(key);
        set?.delete(id);
        if (set?.size === 0) map.delete(key);
      }
      for (const key of now) {
        const set = map.get(key);
        if (set) set.add(id);
        else map.set(key, new Set([id]));
      }
    }
  }

  keysOf(name: IndexName, entity: unknown): readonly string[] {
    return (INDEX_SPECS[name] as IndexSpec<CollectionName>).keysOf(entity as Entity<CollectionName>);
  }

  collectionOf(name: IndexName): CollectionName {
    return INDEX_SPECS[name].collection;
  }
}
