/** A collection's records by id, as the document holds them. */
type Records = Record<string, unknown>;

/**
 * Each collection's ids in the document's own order (a record added goes last, a replaced one keeps
 * its place, as a scan of the document sees them), kept up to date from the changes it is told of.
 * A snapshot then starts from these lists instead of asking a collection of 50,000 records for its
 * keys at its instant, which alone blocks the event loop for ~8 ms (for its references, 30–60 ms).
 */
export class RecordOrder {
  private doc: Record<string, unknown> | null = null;
  private ids = new Map<string, Set<string>>();
  /** A snapshot is going through the lists: changes wait in `touched` until it is done. */
  private held = false;
  /** Ids changed while the lists were held, in the order of their last change; true: (re)created. */
  private readonly touched = new Map<string, Map<string, boolean>>();

  /**
   * Told before a record of `doc` changes, is added or goes (`deleted`); a record added goes last
   * once applied. Unless a snapshot holds the lists, they change now: folding every change of the
   * last few minutes in at the next snapshot's instant blocked the event loop for 28 ms after 90,000
   * new records (each message adds its handled id and its change record).
   */
  beforeChange(collection: string, id: string, deleted: boolean): void {
    const records = this.doc?.[collection] as Records | undefined;
    if (!records) return;
    if (this.held) {
      const existed = Object.hasOwn(records, id);
      let touched = this.touched.get(collection);
      if (!touched) {
        touched = new Map();
        this.touched.set(collection, touched);
      }
      // deleted now and put back later (even in the same record): it goes last, as the document has it
      if (!existed || deleted) {
        touched.delete(id);
        touched.set(id, true);
      } else if (!touched.has(id)) touched.set(id, false);
      return;
    }
    // judged by the list, not the document: every op of a record is told before any is applied,
    // so a record deleted and put back by one journal record still 'exists' when the second op is told
    const ids = this.listOf(collection);
    if (deleted) ids.delete(id);
    else if (!ids.has(id)) ids.add(id);
  }

  /**
   * The ids of `doc`'s collections now, in its order, held for a snapshot to go through across
   * awaits until `release`; while held they do not change, and no other snapshot starts.
   */
  current(doc: Record<string, unknown>, collections: readonly string[]): Map<string, Set<string>> {
    if (this.doc !== doc) {
      this.doc = doc;
      this.touched.clear();
      this.ids = new Map();
      for (const c of collections) {
        const records = doc[c] as Records | undefined;
        if (records) this.ids.set(c, new Set(Object.keys(records)));
      }
    }
    this.held = true;
    return this.ids;
  }

  /** The snapshot has gone through the lists: what changed meanwhile goes into them, and changes go straight in again. */
  release(): void {
    this.held = false;
    const doc = this.doc;
    if (!doc) return;
    for (const [c, touched] of this.touched) {
      const records = doc[c] as Records;
      const ids = this.listOf(c);
      for (const [id, added] of touched) {
        if (!Object.hasOwn(records, id)) ids.delete(id);
        else if (added || !ids.has(id)) {
          ids.delete(id);
          ids.add(id);
        }
      }
    }
    this.touched.clear();
  }

  private listOf(collection: string): Set<string> {
    let ids = this.ids.get(collection);
    if (!ids) {
      ids = new Set();
      this.ids.set(collection, ids);
    }
    return ids;
  }

  /**
   * Drops the lists, so the next call lists every collection anew: when the document may have
   * changed without a word (a refused change taken back re-adds a deleted record at the end).
   */
  forget(): void {
    this.doc = null;
    this.held = false;
    this.touched.clear();
  }
}
