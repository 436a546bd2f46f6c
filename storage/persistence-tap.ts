import type { JournalRecord, LegacyJournalRecord } from './journal-record.ts';
import type { DurabilityListener } from './journal-writer.ts';
import type { Persistence } from './persistence.ts';
import type { StoreDocument } from './schema.ts';

/**
 * A persistence that passes everything to the one it wraps and lets a subclass look on: at each
 * record the ledger appends, each refusal, and each change another instance committed (after the
 * ledger has applied it). A tap that forgot a method would silently cut the store off from it.
 */
export abstract class PersistenceTap implements Persistence {
  constructor(protected readonly inner: Persistence) {}

  /** A record the ledger just appended (not yet durable). */
  protected appended(_record: JournalRecord): void {}
  /** Every record after `seq` was refused and is being taken back. */
  protected refused(_seq: number): void {}
  /** A change another instance committed, now in the ledger. */
  protected followed(_record: JournalRecord): void {}

  load(): Promise<StoreDocument> {
    return this.inner.load();
  }

  append(record: JournalRecord): void {
    // a record the persistence could not write throws here and reaches nobody
    this.inner.append(record);
    this.appended(record);
  }

  sync(seq: number): Promise<void> {
    return this.inner.sync(seq);
  }

  attach(listener: DurabilityListener): void {
    this.inner.attach({
      durable: (seq) => listener.durable(seq),
      refused: (seq) => {
        this.refused(seq);
        listener.refused(seq);
      },
      followed: (record) => {
        listener.followed(record);
        this.followed(record);
      },
    });
  }

  get refresh(): (() => Promise<void>) | undefined {
    const inner = this.inner;
    return inner.refresh ? () => (inner.refresh as () => Promise<void>).call(inner) : undefined;
  }

  changed(doc: StoreDocument): void {
    this.inner.changed(doc);
  }

  close(doc: StoreDocument): Promise<void> {
    return this.inner.close(doc);
  }

  describe(): string {
    return this.inner.describe();
  }

  records(): AsyncIterable<JournalRecord | LegacyJournalRecord> {
    return this.inner.records();
  }
}
