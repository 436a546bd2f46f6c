import { isoShanghai } from '../src/time/clock.ts';
import { freeze } from './frozen.ts';
import type { ChangeMeta, Ledger, Tx } from './ledger.ts';
import { plainCopy } from './plain-copy.ts';
import type { CollectionName, StoreDocument } from './schema.ts';

type Entity<C extends CollectionName> = StoreDocument[C][string];

/**
 * What every part of the store shares: reads hand out copies or frozen records, writes are one
 * journalled change. A verb sets `tx.summary` inside its change; what it returns was built inside
 * the change, so it is never the live record.
 */
export abstract class Aggregate {
  constructor(protected readonly ledger: Ledger) {}

  protected copy<T>(fn: (doc: Readonly<StoreDocument>) => T): T {
    const value = this.ledger.read(fn);
    // most lookups find nothing (no question waiting for the sender): nothing to copy
    return plainCopy(value);
  }

  /**
   * The records themselves, frozen (storage/frozen.ts), for the reads every message makes; what
   * `fn` builds around them is frozen too, so it must be a fresh value nobody else changes.
   */
  protected view<T>(fn: (doc: Readonly<StoreDocument>) => T): T {
    return freeze(this.ledger.read(fn));
  }

  /** A change the actor may take back with `撤销`. */
  protected write<T>(meta: ChangeMeta, fn: (tx: Tx) => T): T {
    return this.ledger.commit(meta, fn);
  }

  /** A change that adds one record: `build` checks and makes it, `summary` says what was added. */
  protected add<C extends CollectionName>(
    meta: ChangeMeta,
    collection: C,
    build: (tx: Tx) => Entity<C>,
    summary: (record: Entity<C>) => string,
  ): Entity<C> {
    return this.write(meta, (tx) => {
      const record = build(tx);
      tx.put(collection, record);
      tx.summary = summary(record);
      return record;
    });
  }

  /** The bot's own bookkeeping (sending, undoing): journalled, but not offered to `撤销`. */
  protected bookkeep<T>(meta: ChangeMeta, fn: (tx: Tx) => T): T {
    return this.ledger.commit({ ...meta, undoable: false }, fn);
  }
}

/** When a change happened, as stored on the records it writes. */
export function stamp(meta: ChangeMeta): string {
  return isoShanghai(meta.at);
}
