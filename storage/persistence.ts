import { zh } from '../src/text/zh.ts';
import type { JournalRecord } from './journal-record.ts';
import type { StoreDocument } from './schema.ts';

/** Where a store keeps its document; the memory one keeps nothing, the file one survives `kill -9`. */
export interface Persistence {
  /** The document as of the last durable change. */
  load(): Promise<StoreDocument>;
  /**
   * Returns only once the record is on disk: callers acknowledge after it. Throws otherwise, and
   * then no part of the record will ever be replayed (or the store refuses all further changes).
   */
  append(record: JournalRecord): void;
  /** A hint that the document changed; the persistence decides when to write a snapshot. */
  changed(doc: StoreDocument): void;
  close(doc: StoreDocument): Promise<void>;
  /** Where the data lives, for the start-up log. */
  describe(): string;
}

export class MemoryPersistence implements Persistence {
  readonly records: JournalRecord[] = [];
  constructor(private readonly initial?: StoreDocument) {}
  async load(): Promise<StoreDocument> {
    const { emptyDocument } = await import('./schema.ts');
    return this.initial ? structuredClone(this.initial) : emptyDocument();
  }
  append(record: JournalRecord): void {
    this.records.push(record);
  }
  changed(): void {}
  async close(): Promise<void> {}
  describe(): string {
    return zh.inMemoryStore;
  }
}
