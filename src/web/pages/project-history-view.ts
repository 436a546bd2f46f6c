import type { Op } from '../../../storage/ops.ts';
import type { Store } from '../../../storage/store.ts';
import { formatWan } from '../../domain/money.ts';
import { zh } from '../../text/zh.ts';
import { shanghai } from '../../time/clock.ts';
import type { ProjectEvent } from './project-history-index.ts';

/** One line of a project's history as its page shows it. */
export interface HistoryRow {
  seq: number;
  /** Shanghai time, to the minute. */
  time: string;
  person: string;
  /** The message as the person wrote it; null for a change that came from no message. */
  text: string | null;
  summary: string;
  /** Each changed field as 「label：before → after」, and what was added. */
  changes: string[];
}

type Rec = Record<string, unknown>;

/** Bookkeeping a reader of the history has no use for: when and by whom are the row's own. */
const SKIPPED = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'stageHistory']);
/** Fields holding one small object whose parts are shown one by one. */
const NESTED = new Set(['signing', 'start', 'termination']);

function timeOf(at: string): string {
  // the store stamps Shanghai time with its offset; older or foreign stamps are converted
  if (at.endsWith('+08:00')) return `${at.slice(0, 10)} ${at.slice(11, 16)}`;
  return shanghai(at).format('YYYY-MM-DD HH:mm');
}

function label(key: string): string {
  return zh.historyFields[key] ?? key;
}

class HistoryWords {
  constructor(
    private readonly units: ReadonlyMap<string, string>,
    private readonly people: ReadonlyMap<string, string>,
  ) {}

  person(account: string): string {
    return zh.historyPerson(this.people.get(account) ?? account, account);
  }

  value(key: string, v: unknown): string {
    if (v === null || v === undefined || v === '') return zh.historyEmpty;
    if (typeof v === 'boolean') return v ? zh.historyYes : zh.historyNo;
    if (typeof v === 'number') return key.endsWith('Wan') ? formatWan(v) : String(v);
    if (typeof v === 'string') return key === 'unitId' ? (this.units.get(v) ?? v) : v;
    return JSON.stringify(v);
  }

  /** What an item appended to a list says: a note, an instalment, a problem. */
  item(key: string, v: unknown): string {
    const r = (v ?? {}) as Rec;
    if (key === 'notes') return zh.historyNote(String(r.date ?? ''), String(r.text ?? ''));
    if (key === 'instalments')
      return zh.historyInstalment(
        String(r.date ?? ''),
        formatWan(Number(r.amountWan ?? 0)),
        (r.evidence as string | null) ?? null,
      );
    if (key === 'problems') return zh.historyProblem(String(r.category ?? ''), String(r.text ?? ''));
    return this.value(key, v);
  }

  /** 「label：before → after」 for a field, its parts one by one when it is a small object. */
  changed(key: string, before: unknown, after: unknown): string[] {
    if (NESTED.has(key) && (isRec(before) || isRec(after))) {
      const b = isRec(before) ? before : {};
      const a = isRec(after) ? after : {};
      const parts = [...new Set([...Object.keys(b), ...Object.keys(a)])];
      return parts
        .filter((part) => JSON.stringify(b[part]) !== JSON.stringify(a[part]))
        .map((part) => {
          const name = `${key}.${part}`;
          return zh.historyChanged(label(name), this.value(part, b[part]), this.value(part, a[part]));
        });
    }
    if (Array.isArray(before) || Array.isArray(after)) return [this.listChanged(key, before, after)];
    return [zh.historyChanged(label(key), this.value(key, before), this.value(key, after))];
  }

  /** A list replaced whole: problems marked solved, or a list cut back by 撤销. */
  private listChanged(key: string, before: unknown, after: unknown): string {
    const b = Array.isArray(before) ? before : [];
    const a = Array.isArray(after) ? after : [];
    if (key === 'problems' && a.length === b.length) {
      const solved = a.filter((q, i) => isRec(q) && q.solved && !(b[i] as Rec | undefined)?.solved).length;
      if (solved > 0) return zh.historySolved(solved);
    }
    return zh.historyChanged(label(key), zh.historyCount(b.length), zh.historyCount(a.length));
  }

  op(op: Op): string[] {
    if (op.del) return [zh.historyDeleted];
    if ('new' in op) {
      const record = (op.new ?? {}) as Rec;
      const fields = Object.entries(record)
        // a new record's unset flags (重大：否) and empty lists say nothing
        .filter(([k, v]) => !SKIPPED.has(k) && v !== null && v !== undefined && v !== false)
        .flatMap(([k, v]) => {
          if (Array.isArray(v)) return v.map((item) => zh.historyAdded(label(k), this.item(k, item)));
          if (NESTED.has(k) && isRec(v))
            return Object.entries(v).map(([part, pv]) =>
              zh.historyField(label(`${k}.${part}`), this.value(part, pv)),
            );
          return [zh.historyField(label(k), this.value(k, v))];
        });
      return [zh.historyCreated, ...fields];
    }
    const was = (op.was ?? {}) as Rec;
    const out: string[] = [];
    for (const [key, value] of Object.entries(op.set ?? {}))
      if (!SKIPPED.has(key)) out.push(...this.changed(key, was[key], value));
    for (const key of op.unset ?? [])
      if (!SKIPPED.has(key)) out.push(...this.changed(key, was[key], undefined));
    for (const [key, items] of Object.entries(op.push ?? {}))
      if (!SKIPPED.has(key))
        for (const item of items) out.push(zh.historyAdded(label(key), this.item(key, item)));
    return out;
  }
}

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A project's history, newest first: time, person (name and account), the message, each change. */
export function historyRows(store: Store, events: readonly ProjectEvent[]): HistoryRow[] {
  const words = new HistoryWords(
    new Map(store.units().map((u) => [u.id, u.name])),
    new Map(store.members().map((m) => [m.account, m.name])),
  );
  return [...events].reverse().map((e) => ({
    seq: e.seq,
    time: timeOf(e.at),
    person: words.person(e.actor),
    text: e.text,
    summary: e.summary,
    changes: e.ops.flatMap((op) => words.op(op)),
  }));
}
