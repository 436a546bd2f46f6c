import { zh } from '../src/text/zh.ts';
import type { JournalRecord, LegacyJournalRecord } from './journal-record.ts';
import type { DurabilityListener } from './journal-writer.ts';
import type { StoreDocument } from './schema.ts';

/** Where a store keeps its document; the memory one keeps nothing, the file one survives `kill -9`. */
export interface Persistence {
  /** The document as of the last durable change. */
  load(): Promise<StoreDocument>;
  /**
   * Writes the record, not yet durably: `sync` says when it is. Called before the record is applied
   * to the document (a snapshot being written reads the records it replaces as they still are).
   * Throws, with nothing of the record kept, when it cannot even be written; the caller then
   * applies nothing.
   */
  append(record: JournalRecord): void;
  /** Resolves once every record up to `seq` is on disk; rejects when they were refused. */
  sync(seq: number): Promise<void>;
  /** Who is told, synchronously, when records become durable or are refused and cut off. */
  attach(listener: DurabilityListener): void;
  /** A hint that the document changed; the persistence decides when to write a snapshot. */
  changed(doc: StoreDocument): void;
  close(doc: StoreDocument): Promise<void>;
  /** Where the data lives, for the start-up log. */
  describe(): string;
  /** Every change kept, oldest first (archives included): the audit trail and the 变更记录. */
  records(): AsyncIterable<JournalRecord | LegacyJournalRecord>;
  /**
   * Shared by several instances (storage/pg): reads and applies what the others committed and this one
   * has not followed yet. Absent where the process is the only writer.
   */
  refresh?(): Promise<void>;
}

export class MemoryPersistence implements Persistence {
  /** What was appended, in order: the journal a test reads. */
  readonly appended: JournalRecord[] = [];
  private listener: DurabilityListener | null = null;
  constructor(private readonly initial?: StoreDocument) {}
  async load(): Promise<StoreDocument> {
    const { emptyDocument } = await import('./schema.ts');
    return this.initial ? structuredClone(this.initial) : emptyDocument();
  }
  append(record: JournalRecord): void {
    this.appended.push(record);
    this.listener?.durable(record.seq);
  }
  sync(): Promise<void> {
    return Promise.resolve();
  }
  attach(listener: DurabilityListener): void {
    this.listener = listener;
  }
  changed(): void {}
  async close(): Promise<void> {}
  describe(): string {
    return zh.inMemoryStore;
  }
  async *records(): AsyncGenerator<JournalRecord> {
    yield* [...this.appended];
  }
}
