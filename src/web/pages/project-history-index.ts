import type { JournalRecord, LegacyJournalRecord } from '../../../storage/journal-record.ts';
import { diffRecord, type Op } from '../../../storage/ops.ts';
import type { Store } from '../../../storage/store.ts';

export type AnyJournalRecord = JournalRecord | LegacyJournalRecord;

/** Every record the journal ever kept, oldest first (storage/journal-audit.ts `journalRecords`). */
export type JournalFeed = () => AsyncIterable<AnyJournalRecord>;

/** One journal record's part in a project's life: who, when, from which message, and what it did. */
export interface ProjectEvent {
  seq: number;
  at: string;
  actor: string;
  text: string | null;
  command: string;
  summary: string;
  /** The ops on this project (usually one). */
  ops: Op[];
}

/** What a record did to each record, as ops; a record written before v6 (whole records) is diffed. */
function opsOf(record: AnyJournalRecord): Op[] {
  if ('ops' in record) return record.ops;
  const before = new Map(record.before.map((p) => [`${p.c}/${p.id}`, p.v]));
  return record.puts
    .map((p) => diffRecord(p.c, p.id, before.get(`${p.c}/${p.id}`) ?? undefined, p.v ?? undefined, true))
    .filter((op): op is Op => op !== null);
}

/**
 * Each project's journal records, so a project's page never reads the whole journal. Built once, by
 * reading every record ever kept (archives included); after that it is told of each record as the
 * ledger appends it (`appended`, through `JournalTap`) and of records the disk refused (`refused`).
 * Should a record reach the ledger without passing here (no tap), the next look finds the store
 * ahead of the index and reads the journal again: slower, never stale.
 */
export class ProjectHistoryIndex {
  private readonly byProject = new Map<string, ProjectEvent[]>();
  /** The last seq the index holds. */
  private seq = 0;
  private state: 'empty' | 'building' | 'ready' = 'empty';
  private building: Promise<void> | null = null;
  /** Records appended while the journal was being read; the ones the read did not reach are added after it. */
  private arrivedWhileBuilding: JournalRecord[] = [];
  /** How many times the whole journal was read (the bench and tests watch it). */
  builds = 0;

  constructor(private readonly feed: JournalFeed) {}

  /** A record the ledger just appended (not yet durable: `refused` takes it back). */
  appended(record: JournalRecord): void {
    if (this.state === 'building') this.arrivedWhileBuilding.push(record);
    else if (this.state === 'ready') this.add(record);
  }

  /** Every record after `seq` was refused by the disk and taken back. */
  refused(seq: number): void {
    this.arrivedWhileBuilding = this.arrivedWhileBuilding.filter((r) => r.seq <= seq);
    if (this.seq <= seq) return;
    for (const [id, events] of this.byProject) {
      const kept = events.filter((e) => e.seq <= seq);
      if (kept.length === 0) this.byProject.delete(id);
      else if (kept.length !== events.length) this.byProject.set(id, kept);
    }
    this.seq = seq;
  }

  /** The project's events, oldest first, up to at least `storeSeq` (the store's seq when asked). */
  async events(projectId: string, storeSeq: number): Promise<readonly ProjectEvent[]> {
    if (this.state === 'ready' && this.seq < storeSeq) this.reset();
    if (this.state !== 'ready') await this.build();
    return this.byProject.get(projectId) ?? [];
  }

  /** How much the index holds: projects with a history, and their events. */
  size(): { projects: number; events: number } {
    let events = 0;
    for (const list of this.byProject.values()) events += list.length;
    return { projects: this.byProject.size, events };
  }

  /**
   * Reads the journal now rather than at the first project page. The server does not call it: most
   * districts never open the web view, and the whole journal (archives included) should cost them
   * neither the read at every start nor the memory.
   */
  prepare(): Promise<void> {
    return this.state === 'ready' ? Promise.resolve() : this.build();
  }

  private reset(): void {
    this.byProject.clear();
    this.seq = 0;
    this.state = 'empty';
  }

  private build(): Promise<void> {
    this.building ??= (async () => {
      this.state = 'building';
      this.builds++;
      try {
        for await (const record of this.feed()) this.add(record);
        for (const record of this.arrivedWhileBuilding) this.add(record);
        this.state = 'ready';
      } catch (e) {
        this.reset();
        throw e;
      } finally {
        this.arrivedWhileBuilding = [];
        this.building = null;
      }
    })();
    return this.building;
  }

  private add(record: AnyJournalRecord): void {
    if (record.seq <= this.seq) return;
    this.seq = record.seq;
    const touched = new Map<string, Op[]>();
    for (const op of opsOf(record)) {
      if (op.c !== 'projects') continue;
      const list = touched.get(op.id);
      if (list) list.push(op);
      else touched.set(op.id, [op]);
    }
    for (const [id, ops] of touched) {
      const event: ProjectEvent = {
        seq: record.seq,
        at: record.at,
        actor: record.actor,
        text: record.text,
        command: record.command,
        summary: record.summary,
        ops,
      };
      const events = this.byProject.get(id);
      if (events) events.push(event);
      else this.byProject.set(id, [event]);
    }
  }
}

const served = new WeakMap<Store, ProjectHistoryIndex>();

/**
 * Pairs a store with the index over its own journal (the composition root does, once the store is
 * open through a `JournalTap` feeding that index); the project page finds it from the store.
 */
export function serveProjectHistory(store: Store, index: ProjectHistoryIndex): void {
  served.set(store, index);
}

export function projectHistoryOf(store: Store): ProjectHistoryIndex {
  const index = served.get(store);
  if (!index) throw new Error('no project history index was paired with this store (serveProjectHistory)');
  return index;
}
