import type { Project, Trip } from '../../../storage/schema.ts';
import type { Store } from '../../../storage/store.ts';
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

/** The records an export writes, read once from the store (never changed) and shared by its sheets. */
export interface LedgerData {
  options: LedgerExportOptions;
  settings: RaceSettings;
  /** Projects as they stood on `asOf`, in 编号 order. */
  projects: Project[];
  trips: Trip[];
  unitName(unitId: string | null): string;
  /** 「钱进」 for an account the roster knows, else the account itself. */
  personName(account: string): string;
  /** Whether a change to this record concerns the export's rows (a member's export: only their unit's). */
  covers(collection: string, id: string): boolean;
}

export function ledgerData(store: Store, options: LedgerExportOptions): LedgerData {
  const { asOf, unitId, year } = options;
  const projects = store.scanProjects((all) => {
    const out: Project[] = [];
    for (const p of all) {
      if (unitId !== null && p.unitId !== unitId) continue;
      const then = projectAsOf(p, asOf);
      if (then) out.push(structuredClone(then));
    }
    return out;
  });
  projects.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const trips = store
    .trips((t) => t.date >= `${year}-01-01` && t.date <= asOf && (unitId === null || t.unitId === unitId))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id, 'en', { numeric: true }));
  const units = new Map(store.units().map((u) => [u.id, u.name]));
  const people = new Map(store.members().map((m) => [m.account, m.name]));
  const ownProjects = new Set(
    unitId === null ? [] : store.projects((p) => p.unitId === unitId).map((p) => p.id),
  );
  const ownTrips = new Set(unitId === null ? [] : store.trips((t) => t.unitId === unitId).map((t) => t.id));
  return {
    options,
    settings: readSettings(store),
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
