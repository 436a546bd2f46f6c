import { isoShanghai } from '../src/time/clock.ts';
import { freeze } from './frozen.ts';
import { type FiledIds, Indexes, type IndexName } from './indexes.ts';
import type { JournalRecord } from './journal-record.ts';
import { diffRecord, type Op, recordAfter } from './ops.ts';
import type { Persistence } from './persistence.ts';
import { plainCopy } from './plain-copy.ts';
import {
  type Change,
  type CollectionName,
  collectionSchemas,
  DATA_COLLECTIONS,
  type HandledMessage,
  type Put,
  SCHEMA_VERSION,
  type StoreDocument,
} from './schema.ts';

type Entity<C extends CollectionName> = StoreDocument[C][string];

/** Who made a change and from which message; recorded with it in the journal. */
export interface ChangeMeta {
  actor: string;
  command: string;
  at: Date;
  messageKey?: string | null;
  text?: string | null;
  /** False for changes that `撤销` must not offer (an undo itself). */
  undoable?: boolean;
  /**
   * The question (storage/conversations.ts) this change answers: it is dropped in the same journal
   * record, so an answer can never be both written and still waiting to be written again.
   */
  settles?: string | null;
}

/** Handled message ids are kept this long: platforms retry within minutes, never days. */
const MESSAGE_RETENTION_MS = 7 * 24 * 3600_000;
/** Undo reaches back 24 hours; keep an hour more so the boundary is judged by the command, not pruning. */
const CHANGE_RETENTION_MS = 25 * 3600_000;

/**
 * A copy of a record that a change may edit, or keep apart from the caller's own object once put.
 * A project's notes are shared, frozen, not copied: a note is only ever appended, never changed once
 * written, and copying a project's whole history for every 进度 made the cost of one message grow
 * with it (×4–5 at 400 notes, ×10 at 1,000). Changing a shared note throws; so does the ledger-walk
 * test if a frozen note ever held a live part. Everything else is copied deep.
 */
function editableCopy<T>(c: string, value: T): T {
  const { notes } = value as { notes?: unknown };
  // anything else, and a malformed project the commit's validation will refuse, is copied whole
  if (c !== 'projects' || !Array.isArray(notes)) return plainCopy(value);
  // the notes key stays where it was: the copy keeps the record's own key order
  const copy = plainCopy({ ...value, notes: [] }) as T & { notes: unknown[] };
  copy.notes = notes.map((note) => freeze(note));
  return copy;
}

/**
 * The project to validate before it is written, without the notes it shares with the stored record
 * (by identity: `editableCopy` hands them out shared). Those were validated when they were written;
 * validating the whole history again made a 进度 grow with it. Notes are only appended, so the
 * shared ones lead the list; whatever follows the first difference is checked.
 */
function withoutStoredNotes(stored: unknown, project: unknown): unknown {
  const before = (stored as { notes?: unknown } | undefined)?.notes;
  const { notes } = project as { notes?: unknown };
  if (!Array.isArray(before) || !Array.isArray(notes)) return project;
  let shared = 0;
  while (shared < before.length && shared < notes.length && notes[shared] === before[shared]) shared++;
  return { ...(project as object), notes: notes.slice(shared) };
}

/**
 * The staged writes of one change. Reads see the staged values; nothing reaches the document
 * unless the whole function returns.
 */
export class Tx {
  private readonly staged = new Map<string, Put>();
  summary = '';

  constructor(
    private readonly doc: StoreDocument,
    private readonly indexes: Indexes,
  ) {}

  /**
   * The records filed under `key` in an index, staged writes included, without looking at the rest
   * of the collection. Read-only, like `list`.
   */
  find<C extends CollectionName>(name: IndexName, key: string): ReadonlyArray<Entity<C>> {
    const c = this.indexes.collectionOf(name);
    const ids = new Set(this.indexes.ids(name, key));
    for (const put of this.staged.values()) {
      if (put.c !== c) continue;
      if (put.v !== null && this.indexes.keysOf(name, put.v).includes(key)) ids.add(put.id);
      else ids.delete(put.id);
    }
    const out: Array<Entity<C>> = [];
    for (const id of ids) {
      const staged = this.staged.get(`${c}\u0000${id}`);
      const v = staged ? staged.v : (this.doc[c] as Record<string, unknown>)[id];
      if (v !== null && v !== undefined) out.push(v as Entity<C>);
    }
    return out;
  }

  /** A private copy of the entity, safe to change and `put` back (`editableCopy`). */
  get<C extends CollectionName>(c: C, id: string): Entity<C> | undefined {
    const put = this.staged.get(`${c}\u0000${id}`);
    if (put) return put.v === null ? undefined : (editableCopy(c, put.v) as Entity<C>);
    const v = (this.doc[c] as Record<string, Entity<C>>)[id];
    return v === undefined ? undefined : editableCopy(c, v);
  }

  /** Read-only view of a whole collection including staged writes; never mutate what it returns. */
  list<C extends CollectionName>(c: C): ReadonlyArray<Entity<C>> {
    const base = this.doc[c] as Record<string, Entity<C>>;
    const out = new Map<string, Entity<C>>(Object.entries(base));
    for (const put of this.staged.values()) {
      if (put.c !== c) continue;
      if (put.v === null) out.delete(put.id);
      else out.set(put.id, put.v as Entity<C>);
    }
    return [...out.values()];
  }

  put<C extends CollectionName>(c: C, value: Entity<C>): void {
    const id = (value as { id: string }).id;
    this.staged.set(`${c}\u0000${id}`, { c, id, v: editableCopy(c, value) });
  }

  delete(c: CollectionName, id: string): void {
    this.staged.set(`${c}\u0000${id}`, { c, id, v: null });
  }

  /** Next value of a named counter (project numbers per year, challenge numbers). */
  next(counter: string): number {
    const current = this.get('counters', counter)?.value ?? 0;
    this.put('counters', { id: counter, value: current + 1 });
    return current + 1;
  }

  writes(): Put[] {
    return [...this.staged.values()];
  }
}

export class InvalidWriteError extends Error {}

/** What applying one change replaced, kept until it is on disk so a refused sync can take it back. */
interface Unsynced {
  seq: number;
  replaced: Array<{ c: string; id: string; before: unknown; after: unknown }>;
}

/**
 * The document in memory and the only way to change it: `commit` runs a function against staged
 * writes, validates them, writes one journal record of what changed, then applies it — all
 * synchronously, so two messages can never interleave inside a change. The record is made durable
 * by a group commit shared with the changes around it: `durable()` says when, and nothing may be
 * acknowledged before. Should the disk refuse it, the change (and every change made after it) is
 * taken back in memory exactly as it was applied.
 */
export class Ledger {
  private readonly indexes: Indexes;
  private readonly unsynced: Unsynced[] = [];
  private durableSeq: number;

  private constructor(
    private readonly doc: StoreDocument,
    private readonly persistence: Persistence,
  ) {
    this.indexes = new Indexes(doc);
    this.durableSeq = doc.seq;
    persistence.attach({
      durable: (seq) => {
        this.durableSeq = Math.max(this.durableSeq, seq);
        while (this.unsynced.length > 0 && (this.unsynced[0] as Unsynced).seq <= seq) this.unsynced.shift();
      },
      refused: (seq) => this.takeBackAfter(seq),
      followed: (record) => this.follow(record),
    });
  }

  static async open(persistence: Persistence): Promise<Ledger> {
    return new Ledger(await persistence.load(), persistence);
  }

  /** Ids filed under `key` in an index, for reads outside a change; never change the set. */
  idsBy(name: IndexName, key: string): FiledIds {
    return this.indexes.ids(name, key);
  }

  /** Every key an index files records under, for reads outside a change. */
  keysBy(name: IndexName): IterableIterator<string> {
    return this.indexes.keys(name);
  }

  /** Where a record stands in a scan of its collection (smaller: earlier); undefined when absent. */
  positionOf(c: CollectionName, id: string): number | undefined {
    return this.indexes.position(c, id);
  }

  get seq(): number {
    return this.doc.seq;
  }

  describe(): string {
    return this.persistence.describe();
  }

  /** Live read access for queries; callers copy what they hand out. */
  read<T>(fn: (doc: Readonly<StoreDocument>) => T): T {
    return fn(this.doc);
  }

  /** The change an already-handled platform message caused, if any. */
  handled(messageKey: string): HandledMessage | null {
    const m = this.doc.messages[messageKey];
    return m ? { ...m } : null;
  }

  /**
   * Resolves once every change made so far is on disk, and only then may it be acknowledged.
   * Rejects when the disk refused them: they have been taken back by then.
   */
  durable(): Promise<void> {
    return this.persistence.sync(this.doc.seq);
  }

  /** True when other instances write the same journal (see `refresh`). */
  get shared(): boolean {
    return this.persistence.refresh !== undefined;
  }

  /** Applies what other instances committed since this one last followed; resolves when done. */
  refresh(): Promise<void> {
    return this.persistence.refresh?.() ?? Promise.resolve();
  }

  commit<T>(meta: ChangeMeta, fn: (tx: Tx) => T): T {
    const tx = new Tx(this.doc, this.indexes);
    const result = fn(tx);
    const writes = tx.writes();
    if (writes.length === 0) return result;
    for (const put of writes) {
      if (put.v === null) continue;
      const schema = collectionSchemas[put.c as CollectionName];
      const stored = (this.doc[put.c as CollectionName] as Record<string, unknown>)[put.id];
      const parsed = schema.safeParse(put.c === 'projects' ? withoutStoredNotes(stored, put.v) : put.v);
      if (!parsed.success) {
        throw new InvalidWriteError(`invalid ${put.c}/${put.id}: ${parsed.error.issues[0]?.message}`);
      }
    }
    const seq = this.doc.seq + 1;
    const at = isoShanghai(meta.at);
    const ops: Op[] = [];
    const dataOps: Op[] = [];
    for (const put of writes) {
      const data = DATA_COLLECTIONS.includes(put.c as CollectionName);
      const before = (this.doc[put.c as CollectionName] as Record<string, unknown>)[put.id];
      const op = diffRecord(put.c, put.id, before, put.v ?? undefined, data);
      if (!op) continue;
      ops.push(op);
      if (data) dataOps.push(op);
    }
    if (meta.undoable !== false && dataOps.length > 0) {
      const change: Change = {
        id: String(seq),
        seq,
        at,
        actor: meta.actor,
        command: meta.command,
        summary: tx.summary,
        ops: dataOps,
        undoneBy: null,
      };
      ops.push({ c: 'changes', id: change.id, new: change });
    }
    if (meta.messageKey)
      ops.push({
        c: 'messages',
        id: meta.messageKey,
        new: { id: meta.messageKey, seq, at, summary: tx.summary },
      });
    if (meta.settles && this.doc.conversations[meta.settles] && !writes.some((p) => p.c === 'conversations'))
      ops.push({ c: 'conversations', id: meta.settles, del: true });
    // a record this change writes is judged by what it writes, not by the expired one it replaces
    const expired = this.expired(meta.at);
    if (expired.length > 0) {
      const written = new Set(ops.map((op) => `${op.c}\u0000${op.id}`));
      for (const op of expired) if (!written.has(`${op.c}\u0000${op.id}`)) ops.push(op);
    }
    const record: JournalRecord = {
      v: SCHEMA_VERSION,
      seq,
      at,
      actor: meta.actor,
      messageKey: meta.messageKey ?? null,
      text: meta.text ?? null,
      command: meta.command,
      summary: tx.summary,
      ops,
    };
    this.persistence.append(record);
    const replaced: Unsynced['replaced'] = [];
    for (const op of ops) {
      const collection = this.doc[op.c as CollectionName] as Record<string, unknown>;
      const before = collection[op.id];
      const after = recordAfter(op, before);
      if (after === undefined) delete collection[op.id];
      else collection[op.id] = after;
      this.indexes.replaced(op.c, op.id, before, after);
      replaced.push({ c: op.c, id: op.id, before, after });
    }
    this.doc.seq = seq;
    if (seq > this.durableSeq) this.unsynced.push({ seq, replaced });
    this.persistence.changed(this.doc);
    return result;
  }

  /**
   * Applies a change another instance committed to the shared journal. It takes the next seq, so
   * it can only come when nothing of this instance is waiting to be committed: the persistence
   * takes such changes back first (they lost the race for that seq and are run again).
   */
  private follow(record: JournalRecord): void {
    if (this.unsynced.length > 0 || record.seq !== this.doc.seq + 1)
      throw new Error(
        `cannot follow change ${record.seq}: at ${this.doc.seq} with ${this.unsynced.length} not yet durable`,
      );
    for (const op of record.ops) {
      const collection = this.doc[op.c as CollectionName] as Record<string, unknown>;
      const before = collection[op.id];
      const after = recordAfter(op, before);
      if (after === undefined) delete collection[op.id];
      else collection[op.id] = after;
      this.indexes.replaced(op.c, op.id, before, after);
    }
    this.doc.seq = record.seq;
    this.durableSeq = Math.max(this.durableSeq, record.seq);
  }

  /** Undoes, newest first, every change after `seq`: the disk refused them. */
  private takeBackAfter(seq: number): void {
    while (this.unsynced.length > 0) {
      const last = this.unsynced[this.unsynced.length - 1] as Unsynced;
      if (last.seq <= seq) break;
      this.unsynced.pop();
      for (const r of [...last.replaced].reverse()) {
        const collection = this.doc[r.c as CollectionName] as Record<string, unknown>;
        if (r.before === undefined) delete collection[r.id];
        else collection[r.id] = r.before;
        this.indexes.replaced(r.c, r.id, r.after, r.before);
      }
      this.doc.seq = last.seq - 1;
    }
  }

  private lastExpiry = Number.NEGATIVE_INFINITY;

  /**
   * Forgotten message ids, undo history, questions and web links/sessions past their time. Looked for once a minute,
   * not on every change: each look walks those collections.
   */
  private expired(now: Date): Op[] {
    const t = now.getTime();
    if (Math.abs(t - this.lastExpiry) < 60_000) return [];
    this.lastExpiry = t;
    const out: Op[] = [];
    for (const m of Object.values(this.doc.messages)) {
      if (t - Date.parse(m.at) > MESSAGE_RETENTION_MS) out.push({ c: 'messages', id: m.id, del: true });
    }
    for (const ch of Object.values(this.doc.changes)) {
      if (t - Date.parse(ch.at) > CHANGE_RETENTION_MS) out.push({ c: 'changes', id: ch.id, del: true });
    }
    for (const q of Object.values(this.doc.conversations)) {
      if (t > Date.parse(q.expiresAt)) out.push({ c: 'conversations', id: q.id, del: true });
    }
    for (const w of Object.values(this.doc.webSessions)) {
      if (t > Date.parse(w.expiresAt)) out.push({ c: 'webSessions', id: w.id, del: true });
    }
    return out;
  }

  async close(): Promise<void> {
    await this.persistence.close(this.doc);
  }
}
