import { everydayNamesOf, namePairs } from './project-names.ts';
import type { CollectionName, StoreDocument } from './schema.ts';

type Entity<C extends CollectionName> = StoreDocument[C][string];

/** Which keys an entity is found under in one index, each once; none leaves it out of the index. */
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
  /** Every two code units of the name: a part of a name is looked for among its rarest pair's projects. */
  projectsByNamePair: spec('projects', (p) => namePairs(p.name)),
  /** The forms people write a name in (storage/project-names.ts), for finding names in a sentence. */
  projectsByEverydayName: spec('projects', (p) => everydayNamesOf(p.name)),
  /** The first two code units of each everyday form: where in a sentence a name may begin. */
  projectsByEverydayNameStart: spec('projects', (p) => [
    ...new Set(everydayNamesOf(p.name).map((a) => a.slice(0, 2))),
  ]),
  /** How long the everyday forms are: the lengths worth trying at each place in a sentence. */
  projectsByEverydayNameLength: spec('projects', (p) => [
    ...new Set(everydayNamesOf(p.name).map((a) => String(a.length))),
  ]),
  /** The 产业链 a project is tagged with: the task-force names people may write. */
  projectsByChain: spec('projects', (p) => (p.chain ? [p.chain] : [])),
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

/**
 * The ids filed under one key, as a lookup hands them out: iterated and counted as filed, so
 * reading a key start-up filed in an array does not turn it into a set. Never change them.
 */
export interface FiledIds extends Iterable<string> {
  readonly size: number;
  /** Whether `has` is already cheap; the first `has` on a long start-up array builds its set. */
  readonly indexed: boolean;
  has(id: string): boolean;
}

class IdSet extends Set<string> implements FiledIds {
  readonly indexed = true;
}

const EMPTY: FiledIds = {
  size: 0,
  indexed: true,
  has: () => false,
  [Symbol.iterator]: () => [][Symbol.iterator](),
};

/** An array this short is searched as fast as a set is probed. */
const SHORT = 16;

/**
 * The ids filed under one key. Start-up files them in an array, several times cheaper than a set
 * for the hundreds of thousands of entries the name indexes hold; a key's array becomes a set
 * the first time it is read or something is taken out of it.
 */
type Filed = IdSet | string[];

function asSet(map: Map<string, Filed>, key: string, filed: Filed): IdSet {
  if (!Array.isArray(filed)) return filed;
  const set = new IdSet(filed);
  map.set(key, set);
  return set;
}

export class Indexes {
  private readonly maps = new Map<IndexName, Map<string, Filed>>();
  /**
   * Where each record stands in its collection's own order (the order a scan of the document sees:
   * an added record goes last, a replaced one keeps its place), so what is found through an index
   * can be put in the order a scan would have found it.
   */
  private readonly positions = new Map<string, Map<string, number>>();
  private nextPosition = 0;

  constructor(doc: Readonly<StoreDocument>) {
    for (const name of Object.keys(INDEX_SPECS) as IndexName[]) this.maps.set(name, new Map());
    // the same filing as `replaced` for a record added, without comparing keys with a before
    for (const [c, names] of BY_COLLECTION) {
      const positions = new Map<string, number>();
      this.positions.set(c, positions);
      const records = doc[c as CollectionName] as Record<string, unknown>;
      const filings = names.map((name) => ({
        keysOf: (INDEX_SPECS[name] as IndexSpec<CollectionName>).keysOf,
        map: this.maps.get(name) as Map<string, Filed>,
      }));
      for (const id in records) {
        const entity = records[id] as Entity<CollectionName>;
        positions.set(id, this.nextPosition++);
        for (const { keysOf, map } of filings) {
          for (const key of keysOf(entity)) {
            const filed = map.get(key);
            if (filed) (filed as string[]).push(id);
            else map.set(key, [id]);
          }
        }
      }
    }
  }

  /** Ids of the records filed under `key`, for use before the index next changes. */
  ids(name: IndexName, key: string): FiledIds {
    const map = this.maps.get(name) as Map<string, Filed>;
    const filed = map.get(key);
    if (!filed) return EMPTY;
    if (!Array.isArray(filed)) return filed;
    const short = filed.length <= SHORT;
    return {
      size: filed.length,
      indexed: short,
      has: (id) => {
        if (short) return filed.includes(id);
        const now = map.get(key);
        return now !== undefined && asSet(map, key, now).has(id);
      },
      [Symbol.iterator]: () => filed[Symbol.iterator](),
    };
  }

  /** Every key an index files records under, in no particular order; never change the map. */
  keys(name: IndexName): IterableIterator<string> {
    return (this.maps.get(name) as Map<string, Filed>).keys();
  }

  /** The record's place in its collection's order (smaller: earlier in a scan); undefined when absent. */
  position(c: CollectionName, id: string): number | undefined {
    return this.positions.get(c)?.get(id);
  }

  /** Called for every record the document replaces, adds or deletes (`undefined` = absent). */
  replaced(c: string, id: string, before: unknown, after: unknown): void {
    const names = BY_COLLECTION.get(c);
    if (!names) return;
    let positions = this.positions.get(c);
    if (!positions) {
      positions = new Map();
      this.positions.set(c, positions);
    }
    if (after === undefined) positions.delete(id);
    else if (before === undefined) positions.set(id, this.nextPosition++);
    for (const name of names) {
      const s = INDEX_SPECS[name] as IndexSpec<CollectionName>;
      const map = this.maps.get(name) as Map<string, Filed>;
      const old = before === undefined ? [] : s.keysOf(before as Entity<CollectionName>);
      const now = after === undefined ? [] : s.keysOf(after as Entity<CollectionName>);
      for (const key of old) {
        if (now.includes(key)) continue;
        const filed = map.get(key);
        if (!filed) continue;
        const set = asSet(map, key, filed);
        set.delete(id);
        if (set.size === 0) map.delete(key);
      }
      // a key it was already filed under holds it: an array must not list it twice
      for (const key of now) {
        if (old.includes(key)) continue;
        const filed = map.get(key);
        if (!filed) map.set(key, new IdSet([id]));
        else if (Array.isArray(filed)) filed.push(id);
        else filed.add(id);
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
