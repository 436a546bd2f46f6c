import type { JournalRecord } from '../../../storage/journal-record.ts';
import type { Persistence } from '../../../storage/persistence.ts';
import { PersistenceTap } from '../../../storage/persistence-tap.ts';
import type { ProjectHistoryIndex } from './project-history-index.ts';

/**
 * A persistence that tells the project history index of every record the ledger appends or follows
 * and of every record the disk refuses, so a project's page stays current without reading the
 * journal again.
 */
export class JournalTap extends PersistenceTap {
  constructor(
    inner: Persistence,
    private readonly index: ProjectHistoryIndex,
  ) {
    super(inner);
  }

  protected override appended(record: JournalRecord): void {
    this.index.appended(record);
  }

  protected override refused(seq: number): void {
    this.index.refused(seq);
  }

  protected override followed(record: JournalRecord): void {
    this.index.appended(record);
  }
}
