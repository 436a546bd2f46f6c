import { zh } from '../src/text/zh.ts';
import { localDate } from '../src/time/clock.ts';
import { stamp } from './aggregate.ts';
import type { ChangeMeta, Tx } from './ledger.ts';
import type {
  LedgerImportInput,
  LedgerImportItem,
  LedgerProblem,
  LedgerTripRow,
} from './ledger-import-input.ts';
import type { Trip } from './schema.ts';

export const TRIP_ID = /^T(\d{4})-(\d{3,})$/;

export interface PlannedTrip {
  row: LedgerTripRow;
  before: Trip | null;
  after: Trip;
  changes: string[];
}

/** A trip without a 编号 is the same trip when its day, destination and leader are. */
function tripKey(date: string, destination: string, leader: string | null): string {
  return `${date}\u0000${destination}\u0000${leader ?? ''}`;
}

function describeTrip(before: Trip, after: Trip, unitName: (id: string | null) => string): string[] {
  const out: string[] = [];
  const field = (label: string, a: string, b: string) => {
    if (a !== b) out.push(zh.importChange(label, a || zh.emptyValue, b || zh.emptyValue));
  };
  field(zh.importColumn.date, before.date, after.date);
  field(zh.importColumn.destination, before.destination, after.destination);
  field(zh.importColumn.tripLeader, before.leaderName ?? '', after.leaderName ?? '');
  field(
    zh.importColumn.districtLeader,
    before.ledByDistrictLeader ? '是' : '否',
    after.ledByDistrictLeader ? '是' : '否',
  );
  field(zh.importColumn.enterprises, before.enterprises.join('、'), after.enterprises.join('、'));
  field(zh.importColumn.tripUnit, unitName(before.unitId), unitName(after.unitId));
  return out;
}

/**
 * The 外出招商 rows against the trips stored: matched by 编号, else by day, destination and leader.
 * A trip counts as 区领导带队 as the sheet says; without that column, when its leader is a member
 * with the 领导 role, as `外出招商` decides it in chat.
 */
export function planTrips(
  tx: Tx,
  meta: ChangeMeta,
  input: LedgerImportInput,
  problems: LedgerProblem[],
): PlannedTrip[] {
  const sheet = input.tripSheet;
  if (sheet === null) return [];
  const today = localDate(meta.at);
  const units = new Map(tx.list('units').map((u) => [u.name, u.id]));
  const unitName = (id: string | null) => (id ? (tx.get('units', id)?.name ?? id) : '');
  const byKey = new Map<string, Trip>();
  for (const t of tx.list('trips')) byKey.set(tripKey(t.date, t.destination, t.leaderName), t);
  const seen = new Map<string, number>();
  const planned: PlannedTrip[] = [];
  for (const row of input.trips) {
    const before = problems.length;
    const problem = (column: string, message: string) =>
      problems.push({ sheet, row: row.row, column, message });
    if (row.date > today) problem(zh.importColumn.date, zh.importDateInFuture(row.date));
    const leader = row.leader ?? null;
    const onRoster = leader
      ? tx.find<'members'>('membersByName', leader).find((m) => m.status !== 'removed')
      : undefined;
    if (row.districtLeader && !onRoster)
      problem(zh.importColumn.tripLeader, zh.importTripLeaderUnknown(leader ?? ''));
    let unitId: string | null = null;
    if (row.unit !== undefined) {
      unitId = units.get(row.unit) ?? null;
      if (unitId === null) problem(zh.importColumn.tripUnit, zh.importUnknownUnit(row.unit));
    }
    const existing = row.id ? tx.get('trips', row.id) : byKey.get(tripKey(row.date, row.destination, leader));
    const key = existing?.id ?? row.id ?? tripKey(row.date, row.destination, leader);
    const first = seen.get(key);
    if (first !== undefined) problem(zh.importColumn.destination, zh.importDuplicateRow(first));
    else seen.set(key, row.row);
    if (problems.length > before) continue;
    const after: Trip = {
      id: existing?.id ?? row.id ?? '',
      destination: row.destination,
      leaderName: leader,
      ledByDistrictLeader: row.districtLeader ?? onRoster?.role === 'leader',
      enterprises: row.enterprises ?? existing?.enterprises ?? [],
      date: row.date,
      unitId: row.unit !== undefined ? unitId : (existing?.unitId ?? null),
      by: existing?.by ?? meta.actor,
      at: existing?.at ?? stamp(meta),
    };
    planned.push({
      row,
      before: existing ?? null,
      after,
      changes: existing ? describeTrip(existing, after, unitName) : [],
    });
  }
  return planned;
}

/** Writes the planned trips: a new one keeps the sheet's 编号, or gets the next of its year. */
export function writeTrips(tx: Tx, planned: PlannedTrip[]): void {
  for (const t of planned) {
    if (t.before !== null && t.changes.length === 0) continue;
    const m = TRIP_ID.exec(t.after.id);
    if (m) {
      const counter = `trip:${m[1]}`;
      if ((tx.get('counters', counter)?.value ?? 0) < Number(m[2]))
        tx.put('counters', { id: counter, value: Number(m[2]) });
    }
  }
  for (const t of planned) {
    if (t.before !== null && t.changes.length === 0) continue;
    if (!t.after.id) {
      const year = t.after.date.slice(0, 4);
      do t.after.id = `T${year}-${String(tx.next(`trip:${year}`)).padStart(3, '0')}`;
      while (tx.get('trips', t.after.id));
    }
    tx.put('trips', t.after);
  }
}

export function tripItem(t: PlannedTrip): LedgerImportItem {
  return {
    row: t.row.row,
    id: t.after.id || null,
    name: `${t.after.date} ${t.after.destination}`,
    changes: t.changes,
  };
}
