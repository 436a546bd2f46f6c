import { zh } from '../src/text/zh.ts';
import { localDate } from '../src/time/clock.ts';
import { Aggregate, stamp } from './aggregate.ts';
import type { ChangeMeta, Tx } from './ledger.ts';
import { describeProjectChanges } from './ledger-import-changes.ts';
import type {
  LedgerImportInput,
  LedgerImportItem,
  LedgerImportOutcome,
  LedgerInstalmentRow,
  LedgerProblem,
  LedgerRow,
} from './ledger-import-input.ts';
import { applyLedgerRow } from './ledger-import-row.ts';
import { planTrips, tripItem, writeTrips } from './ledger-import-trips.ts';
import { PROJECT_ID } from './project-match.ts';
import type { Project } from './schema.ts';

interface Planned {
  row: LedgerRow;
  before: Project | null;
  after: Project;
  changes: string[];
}

/** 导入台账: a bureau's Excel ledger brought in as one change, or not at all. */
export class LedgerImport extends Aggregate {
  /**
   * Checks every row against the ledger (units and members must exist, a project is matched by 编号,
   * else by its exact name within its unit) and, when nothing is wrong and it is not a dry run,
   * writes every added and changed project as ONE journalled change that `撤销` takes back whole.
   */
  importLedger(
    meta: ChangeMeta,
    input: LedgerImportInput,
    options: { dryRun: boolean },
  ): LedgerImportOutcome {
    return this.write(
      { ...meta, text: meta.text ?? zh.importJournalText(input.fileName, input.sha256, input.rows.length) },
      (tx) => {
        const { planned, problems } = planImport(tx, meta, input);
        const trips = planTrips(tx, meta, input, problems);
        if (problems.length > 0) return { kind: 'refused', problems };
        const added = planned.filter((p) => p.before === null);
        const updated = planned.filter((p) => p.before !== null && p.changes.length > 0);
        const tripsAdded = trips.filter((t) => t.before === null);
        const tripsUpdated = trips.filter((t) => t.before !== null && t.changes.length > 0);
        const outcome = {
          added: added.map(item),
          updated: updated.map(item),
          unchanged: planned.length - added.length - updated.length,
          trips: {
            added: tripsAdded.map(tripItem),
            updated: tripsUpdated.map(tripItem),
            unchanged: trips.length - tripsAdded.length - tripsUpdated.length,
          },
        };
        if (options.dryRun) return { kind: 'planned', ...outcome, seq: null };
        // the sheet's own 编号 first, so a number made for another row never takes one of them
        for (const p of added) if (p.after.id) claimProjectId(tx, p.after.id);
        for (const p of added) {
          p.after.id ||= nextProjectId(tx, p.after);
          for (const [k, instalment] of p.after.instalments.entries())
            instalment.id = `${p.after.id}-F${k + 1}`;
          tx.put('projects', p.after);
        }
        for (const p of updated) tx.put('projects', p.after);
        writeTrips(tx, trips);
        tx.summary = zh.importSummary(input.fileName, added.length, updated.length);
        const changed = added.length + updated.length + tripsAdded.length + tripsUpdated.length > 0;
        // ids are known only now: the items are made again
        return {
          kind: 'written',
          ...outcome,
          added: added.map(item),
          trips: { ...outcome.trips, added: tripsAdded.map(tripItem) },
          seq: changed ? this.ledger.seq + 1 : null,
        };
      },
    );
  }
}

function item(p: Planned): LedgerImportItem {
  return { row: p.row.row, id: p.after.id || null, name: p.after.name, changes: p.changes };
}

/** The next free number of the year the project's story starts in, as `newProject` numbers them. */
function nextProjectId(tx: Tx, p: Project): string {
  const year = (p.negotiationSince ?? p.signing?.date ?? p.createdAt).slice(0, 4);
  for (;;) {
    const id = `P${year}-${String(tx.next(`project:${year}`)).padStart(3, '0')}`;
    if (!tx.get('projects', id)) return id;
  }
}

/** A 编号 the sheet gives a new project is kept; the year's counter moves past it so no later number collides. */
function claimProjectId(tx: Tx, id: string): void {
  const m = PROJECT_ID.exec(id);
  if (!m) return;
  const counter = `project:${m[1]}`;
  const n = Number(m[2]);
  if ((tx.get('counters', counter)?.value ?? 0) < n) tx.put('counters', { id: counter, value: n });
}

/**
 * When a new project entered the bureau's ledger: its earliest date in the sheet, not the import's
 * day. The lights read a project's last activity from it, and an import is no news of a project.
 */
function enteredLedger(p: Project, importedAt: string): string {
  const dates = [p.negotiationSince, p.signing?.date, p.start?.date, p.termination?.date].filter(
    (d): d is string => typeof d === 'string',
  );
  if (dates.length === 0) return importedAt;
  const first = dates.sort()[0] as string;
  return first < importedAt.slice(0, 10) ? `${first}T00:00:00.000+08:00` : importedAt;
}

function blankProject(id: string, name: string, unitId: string, meta: ChangeMeta): Project {
  return {
    id,
    name,
    investor: null,
    chain: null,
    unitId,
    leaderName: null,
    ownerName: null,
    investmentWan: null,
    major: false,
    stage: '在谈',
    stageHistory: [],
    negotiationSince: null,
    signing: null,
    start: null,
    termination: null,
    instalments: [],
    notes: [],
    problems: [],
    createdAt: stamp(meta),
    createdBy: meta.actor,
    updatedAt: stamp(meta),
  };
}

/** The 明细 rows of each project row: by 编号, else by name (and unit when the 明细 names one). */
function instalmentsByRow(input: LedgerImportInput, problems: LedgerProblem[]) {
  const byRow = new Map<LedgerRow, LedgerInstalmentRow[]>();
  if (input.instalmentSheet === null) return byRow;
  const byId = new Map<string, LedgerRow>();
  const byName = new Map<string, LedgerRow[]>();
  for (const row of input.rows) {
    if (row.id) byId.set(row.id, row);
    if (row.name) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  }
  for (const d of input.instalments) {
    const candidates = d.projectId
      ? [byId.get(d.projectId)]
      : (byName.get(d.projectName ?? '') ?? []).filter((r) => d.unit === undefined || r.unit === d.unit);
    const row = candidates.length === 1 ? candidates[0] : undefined;
    if (!row) {
      problems.push({
        sheet: input.instalmentSheet,
        row: d.row,
        column: d.projectId ? zh.importColumn.id : zh.importColumn.projectName,
        message: zh.importInstalmentProjectUnknown(d.projectId ?? d.projectName ?? ''),
      });
      continue;
    }
    byRow.set(row, [...(byRow.get(row) ?? []), d]);
  }
  return byRow;
}

function planImport(
  tx: Tx,
  meta: ChangeMeta,
  input: LedgerImportInput,
): { planned: Planned[]; problems: LedgerProblem[] } {
  const problems = [...input.problems];
  const today = localDate(meta.at);
  const at = stamp(meta);
  const units = new Map(tx.list('units').map((u) => [u.name, u]));
  const unitName = (id: string) => tx.get('units', id)?.name ?? id;
  const onRoster = (name: string) =>
    tx.find<'members'>('membersByName', name).some((m) => m.status !== 'removed');
  const instalments = instalmentsByRow(input, problems);
  for (const d of input.instalments) {
    if (d.date > today && input.instalmentSheet)
      problems.push({
        sheet: input.instalmentSheet,
        row: d.row,
        column: zh.importColumn.date,
        message: zh.importDateInFuture(d.date),
      });
  }
  const unreadable = new Set(
    input.problems.filter((p) => p.sheet === input.sheet).map((p) => `${p.row}\u0000${p.column}`),
  );
  const seen = new Map<string, number>();
  const planned: Planned[] = [];
  for (const row of input.rows) {
    const before = problems.length;
    // a cell that could not be read is reported once: not again as missing
    const problem = (column: string, message: string) => {
      if (unreadable.has(`${row.row}\u0000${column}`)) return;
      unreadable.add(`${row.row}\u0000${column}`);
      problems.push({ sheet: input.sheet, row: row.row, column, message });
    };
    let unitId: string | null = null;
    if (row.unit !== undefined) {
      const unit = units.get(row.unit);
      if (unit) unitId = unit.id;
      else problem(zh.importColumn.unit, zh.importUnknownUnit(row.unit));
    }
    let existing: Project | undefined;
    if (row.id) existing = tx.get('projects', row.id);
    else if (row.name !== undefined && unitId !== null) {
      const found = tx.find<'projects'>('projectsByName', row.name).find((p) => p.unitId === unitId);
      existing = found ? tx.get('projects', found.id) : undefined;
    }
    if (!existing) {
      if (row.name === undefined) problem(zh.importColumn.name, zh.importMissingName);
      if (row.unit === undefined) problem(zh.importColumn.unit, zh.importMissingUnit);
      if (problems.length > before) continue;
    }
    const name = row.name ?? existing?.name ?? '';
    const finalUnit = unitId ?? existing?.unitId ?? '';
    for (const key of [row.id ?? existing?.id, `${finalUnit}\u0000${name}`]) {
      if (!key) continue;
      const first = seen.get(key);
      if (first !== undefined && first !== row.row)
        problem(zh.importColumn.name, zh.importDuplicateRow(first));
      else seen.set(key, row.row);
    }
    if (!existing || name !== existing.name || finalUnit !== existing.unitId) {
      if (PROJECT_ID.test(name.trim())) problem(zh.importColumn.name, zh.importNameLikeId(name));
      const clash = tx
        .find<'projects'>('projectsByName', name)
        .find((p) => p.unitId === finalUnit && p.id !== (existing?.id ?? row.id));
      if (clash) problem(zh.importColumn.name, zh.importNameTaken(name, clash.id));
    }
    for (const [column, who, stored] of [
      [zh.importColumn.leader, row.leader, existing?.leaderName],
      [zh.importColumn.owner, row.owner, existing?.ownerName],
    ] as const) {
      if (who !== undefined && who !== stored && !onRoster(who)) problem(column, zh.importUnknownMember(who));
    }
    const base = existing ?? blankProject(row.id ?? '', name, finalUnit, meta);
    const after = applyLedgerRow(base, row, {
      today,
      at,
      actor: meta.actor,
      unitId,
      instalments: input.instalmentSheet === null ? null : (instalments.get(row) ?? []),
      problem,
    });
    if (problems.length > before) continue;
    if (!existing) {
      after.createdAt = enteredLedger(after, at);
      planned.push({ row, before: null, after, changes: [] });
      continue;
    }
    const changes = describeProjectChanges(existing, after, unitName);
    if (changes.length > 0) after.updatedAt = at;
    planned.push({ row, before: existing, after, changes });
  }
  return { planned, problems };
}
