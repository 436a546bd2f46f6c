import type { JournalRecord, LegacyJournalRecord } from './journal-record.ts';
import type { DurabilityListener } from './journal-writer.ts';
import type { Persistence } from './persistence.ts';
import type { StoreDocument } from './schema.ts';

/**
 * A persistence that tells `onFollowed` of every change another instance committed to the shared
 * journal (storage/pg), once the ledger holds it. It is told on a later turn, never inside the
 * follow: what it does may change the ledger. Everything else is the wrapped persistence's own.
 */
export class FollowedTap implements Persistence {
  /** Set by the composition root once its listener exists; until then nothing is told. */
  onFollowed: (record: JournalRecord) => void = () => {};
  /** Followed since the last telling: a page of other instances' changes is told in one turn. */
  private untold: JournalRecord[] = [];

  constructor(private readonly inner: Persistence) {}

  load(): Promise<StoreDocument> {
    return this.inner.load();
  }

  append(record: JournalRecord): void {
    this.inner.append(record);
  }

  sync(seq: number): Promise<void> {
    return this.inner.sync(seq);
  }

  attach(listener: DurabilityListener): void {
    this.inner.attach({
      durable: (seq) => listener.durable(seq),
      refused: (seq) => listener.refused(seq),
      followed: (record) => {
        listener.followed(record);
        if (this.untold.push(record) === 1) setImmediate(() => this.tell());
      },
    });
  }

  private tell(): void {
    const records = this.untold;
    this.untold = [];
    for (const record of records) this.onFollowed(record);
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
