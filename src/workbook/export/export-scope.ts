import type { Problem, Project, Trip } from '../../../storage/schema.ts';
import type { Store } from '../../../storage/store.ts';
import { type Light, projectLight } from '../../race/lights.ts';
import { type RaceSettings, readSettings } from '../../race/settings.ts';
import type { LocalDate } from '../../time/clock.ts';
import { projectAsOf } from './project-as-of.ts';

/** What a 台账 export covers: which year, up to which day, and whose rows. */
export interface LedgerExportOptions {
  year: number;
  /** The last day counted (Shanghai); within `year`. */
  asOf: LocalDate;
  /** Only this unit's projects, instalments, trips and changes (a member's export); null: the district. */
  unitId: string | null;
  /** 「XX区」 in the title; null leaves it out. */
  districtName: string | null;
}

/**
 * What the sheets need of a project as it stood on the day, taken while the store was read: the
 * notes and problems reduced to the latest note and the open problems, and its light worked out then.
 */
export type ExportProject = Omit<Project, 'notes' | 'problems'> & {
  latestNote: Project['notes'][number] | null;
  openProblems: Problem[];
  /** Null for a terminated or producing project: lights are about what is still to happen. */
  light: Light | null;
};

/** The records an export writes, read once from the store (never changed) and shared by its sheets. */
export interface LedgerData {
  options: LedgerExportOptions;
  settings: RaceSettings;
  /** Projects as they stood on `asOf`, in 编号 order. */
  projects: ExportProject[];
  trips: Trip[];
  unitName(unitId: string | null): string;
  /** 「钱进」 for an account the roster knows, else the account itself. */
  personName(account: string): string;
  /** Whether a change to this record concerns the export's rows (a member's export: only their unit's). */
  covers(collection: string, id: string): boolean;
}

/** P2023-9 before P2023-10; one collator, not one per comparison. */
const BY_NUMBER = new Intl.Collator('en', { numeric: true });

export function ledgerData(store: Store, options: LedgerExportOptions): LedgerData {
  const { asOf, unitId, year } = options;
  const settings = readSettings(store);
  const projects = store.scanProjects((all) => {
    const out: ExportProject[] = [];
    for (const p of all) {
      if (unitId !== null && p.unitId !== unitId) continue;
      const then = projectAsOf(p, asOf);
      if (then) out.push(exportProject(then, asOf, settings));
    }
    return out;
  });
  projects.sort((a, b) => BY_NUMBER.compare(a.id, b.id));
  const trips = store
    .trips((t) => t.date >= `${year}-01-01` && t.date <= asOf && (unitId === null || t.unitId === unitId))
    .sort((a, b) => a.date.localeCompare(b.date) || BY_NUMBER.compare(a.id, b.id));
  const units = new Map(store.units().map((u) => [u.id, u.name]));
  const people = new Map(store.members().map((m) => [m.account, m.name]));
  // by the unit they belong to now, also for changes made before a project moved units
  const ownProjects = new Set(
    unitId === null
      ? []
      : store.scanProjects((all) => all.filter((p) => p.unitId === unitId).map((p) => p.id)),
  );
  const ownTrips = new Set(unitId === null ? [] : store.trips((t) => t.unitId === unitId).map((t) => t.id));
  return {
    options,
    settings,
    projects,
    trips,
    unitName: (id) => (id === null ? '' : (units.get(id) ?? id)),
    personName: (account) => people.get(account) ?? account,
    covers: (collection, id) =>
      unitId === null ||
      (collection === 'projects' && ownProjects.has(id)) ||
      (collection === 'trips' && ownTrips.has(id)),
  };
}

function exportProject(p: Project, asOf: LocalDate, settings: RaceSettings): ExportProject {
  const { notes, problems, ...rest } = p;
  const active = p.stage !== '终止' && p.stage !== '投产';
  // a change works on a copy and puts the record back whole (storage/ledger.ts Tx.get/put), never editing
  // the one read here: what is kept stays as it was read; only the lists are copied
  return {
    ...rest,
    stageHistory: [...rest.stageHistory],
    instalments: [...rest.instalments],
    latestNote: notes.at(-1) ?? null,
    openProblems: problems.filter((q) => !q.solved),
    light: active ? projectLight(p, asOf, settings).light : null,
  };
}
