import { sameRecord } from './same-record.ts';
import type { CollectionName, StoreDocument } from './schema.ts';

/**
 * One record's part of a change, as the journal keeps it: what changed, not the record. A progress
 * note on a project with 400 notes is the note, so a line's size does not grow with history.
 * Exactly one of `new`, `del` or the field parts (`set`, `unset`, `push`) says what happened.
 */
export interface Op {
  c: string;
  id: string;
  /** The record was created (or is bookkeeping written whole): here it is. */
  new?: unknown;
  /** The record was deleted. */
  del?: true;
  /** Fields that got a new value. */
  set?: Record<string, unknown>;
  /** Fields that were removed. */
  unset?: string[];
  /** Items appended to the end of list fields (notes, instalments, stage history…). */
  push?: Record<string, unknown[]>;
  /**
   * For the audit and `撤销`: what the `set`/`unset` fields held before (a field missing here did not
   * exist), or, with `del`, the whole record. Kept for the bureau's data, not for bookkeeping.
   */
  was?: unknown;
}

type Rec = Record<string, unknown>;

/** The op that turns `before` into `after` (`undefined` = absent), or null when nothing changed. */
export function diffRecord(
  c: string,
  id: string,
  before: unknown,
  after: unknown,
  keepWas: boolean,
): Op | null {
  if (after === undefined) {
    if (before === undefined) return null;
    return keepWas ? { c, id, del: true, was: before } : { c, id, del: true };
  }
  if (before === undefined) return { c, id, new: after };
  const b = before as Rec;
  const a = after as Rec;
  const set: Rec = {};
  const was: Rec = {};
  const unset: string[] = [];
  const push: Record<string, unknown[]> = {};
  for (const key of Object.keys(a)) {
    const now = a[key];
    const old = b[key];
    if (now === undefined) continue;
    if (sameRecord(old, now)) continue;
    const appended = appendedTo(old, now);
    if (appended) push[key] = appended;
    else {
      set[key] = now;
      if (old !== undefined) was[key] = old;
    }
  }
  for (const key of Object.keys(b)) {
    if (b[key] !== undefined && a[key] === undefined) {
      unset.push(key);
      was[key] = b[key];
    }
  }
  const op: Op = { c, id };
  if (Object.keys(set).length > 0) op.set = set;
  if (unset.length > 0) op.unset = unset;
  if (Object.keys(push).length > 0) op.push = push;
  if (!op.set && !op.unset && !op.push) return null;
  if (keepWas && Object.keys(was).length > 0) op.was = was;
  return op;
}

/** The items added at the end when `now` is `old` plus more, else null. */
function appendedTo(old: unknown, now: unknown): unknown[] | null {
  if (!Array.isArray(old) || !Array.isArray(now) || now.length <= old.length) return null;
  for (let i = 0; i < old.length; i++) if (!sameRecord(old[i], now[i])) return null;
  return now.slice(old.length);
}

/** The record an op leaves, given the one before it; never changes `before`. */
export function recordAfter(op: Op, before: unknown): unknown {
  if (op.del) return undefined;
  if ('new' in op) return op.new;
  if (before === undefined) throw new Error(`change to ${op.c}/${op.id}, which does not exist`);
  const next: Rec = { ...(before as Rec) };
  for (const [key, value] of Object.entries(op.set ?? {})) next[key] = value;
  for (const key of op.unset ?? []) delete next[key];
  for (const [key, items] of Object.entries(op.push ?? {})) {
    const list = next[key];
    next[key] = [...(Array.isArray(list) ? list : []), ...items];
  }
  return next;
}

/** Whether the record still holds what the op wrote, so taking it back overwrites nobody's work. */
export function stillAsWritten(op: Op, current: unknown): boolean {
  if (op.del) return current === undefined;
  if ('new' in op) return sameRecord(current, op.new);
  if (current === undefined) return false;
  const r = current as Rec;
  for (const [key, value] of Object.entries(op.set ?? {})) if (!sameRecord(r[key], value)) return false;
  for (const key of op.unset ?? []) if (r[key] !== undefined) return false;
  for (const [key, items] of Object.entries(op.push ?? {})) {
    const list = r[key];
    if (!Array.isArray(list) || list.length < items.length) return false;
    const tail = list.slice(list.length - items.length);
    if (!sameRecord(tail, items)) return false;
  }
  return true;
}

/** The record as it was before the op, given the record as the op left it (`stillAsWritten`). */
export function recordBefore(op: Op, current: unknown): unknown {
  if (op.del) return op.was;
  if ('new' in op) return undefined;
  const next: Rec = { ...(current as Rec) };
  const was = (op.was ?? {}) as Rec;
  for (const key of [...Object.keys(op.set ?? {}), ...(op.unset ?? [])]) {
    if (Object.hasOwn(was, key)) next[key] = was[key];
    else delete next[key];
  }
  for (const [key, items] of Object.entries(op.push ?? {})) {
    const list = next[key] as unknown[];
    next[key] = list.slice(0, list.length - items.length);
  }
  return next;
}

/** Applies ops to the document in order, telling `replaced` about each record it swaps. */
export function applyOps(
  doc: StoreDocument,
  ops: readonly Op[],
  replaced?: (c: string, id: string, before: unknown, after: unknown) => void,
): void {
  for (const op of ops) {
    const collection = doc[op.c as CollectionName] as Rec | undefined;
    if (!collection) throw new Error(`unknown collection ${op.c}`);
    const before = collection[op.id];
    const after = recordAfter(op, before);
    if (after === undefined) delete collection[op.id];
    else collection[op.id] = after;
    replaced?.(op.c, op.id, before, after);
  }
}
