import type { JournalRecord } from './journal-record.ts';
import { PersistenceTap } from './persistence-tap.ts';

/**
 * A persistence that tells `onFollowed` of every change another instance committed to the shared
 * journal (storage/pg), once the ledger holds it. It is told on a later turn, never inside the
 * follow: what it does may change the ledger.
 */
export class FollowedTap extends PersistenceTap {
  /** Set by the composition root once its listener exists; until then nothing is told. */
  onFollowed: (record: JournalRecord) => void = () => {};
  /** Followed since the last telling: a page of other instances' changes is told in one turn. */
  private untold: JournalRecord[] = [];

  protected override followed(record: JournalRecord): void {
    if (this.untold.push(record) === 1) setImmediate(() => this.tell());
  }

  private tell(): void {
    const records = this.untold;
    this.untold = [];
    for (const record of records) this.onFollowed(record);
  }
}
