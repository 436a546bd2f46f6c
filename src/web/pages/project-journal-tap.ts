import type { JournalRecord, LegacyJournalRecord } from '../../../storage/journal-record.ts';
import type { DurabilityListener } from '../../../storage/journal-writer.ts';
import type { Persistence } from '../../../storage/persistence.ts';
import type { StoreDocument } from '../../../storage/schema.ts';
import type { ProjectHistoryIndex } from './project-history-index.ts';

/**
 * A persistence that tells the project history index of every record the ledger appends and of
 * every record the disk refuses, so a project's page stays current without reading the journal
 * again. Everything else is the wrapped persistence's own.
 */
export class JournalTap implements Persistence {
  constructor(
    private readonly inner: Persistence,
    private readonly index: ProjectHistoryIndex,
  ) {}

  load(): Promise<StoreDocument> {
    return this.inner.load();
  }

  append(record: JournalRecord): void {
    // a record the persistence could not write throws here and reaches nobody
    this.inner.append(record);
    this.index.appended(record);
  }

  sync(seq: number): Promise<void> {
    return this.inner.sync(seq);
  }

  attach(listener: DurabilityListener): void {
    this.inner.attach({
      durable: (seq) => listener.durable(seq),
      refused: (seq) => {
        this.index.refused(seq);
        listener.refused(seq);
      },
      followed: (record) => {
        listener.followed(record);
        this.index.appended(record);
      },
    });
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
