import type { Indicator } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import { indicatorsFor } from '../race/indicators.ts';
import { yearOf, yearToDate } from '../race/period.ts';
import { type Ranking, rankEntries, type Scores } from '../race/ranking.ts';
import type { RaceSettings } from '../race/settings.ts';
import { type TierTarget, targetsOf } from '../race/targets.ts';
import type { LocalDate } from '../time/clock.ts';
import type { DistrictLedger } from './district-ledger.ts';

/** A district's place in the city's race. */
export interface DistrictStanding extends Scores {
  district: Pick<DistrictLedger, 'id' | 'name'>;
}

const DISTRICT = { kind: 'district' } as const;

/** The city's targets for one district: those set on the city's unit of the district's name. */
function cityTargetsFor(city: Store, name: string, year: number): Map<Indicator, TierTarget[]> | undefined {
  const unit = city.unitByName(name);
  return unit ? targetsOf(city, { kind: 'unit', unitId: unit.id }, year) : undefined;
}

/**
 * Ranks the districts as a district ranks its units: each district's year-to-date figures are what
 * its own 全区进度 computes, on its own store but with the city's settings so every district is
 * measured the same way; its targets are the city's for it. A district without any is unranked.
 */
export function rankDistricts(
  districts: ReadonlyArray<DistrictLedger>,
  city: Store,
  asOf: LocalDate,
  settings: RaceSettings,
): Ranking<DistrictStanding> {
  const period = yearToDate(asOf);
  const entries = districts.map((d) => ({
    district: { id: d.id, name: d.name },
    name: d.name,
    values: indicatorsFor(d.store, DISTRICT, period, settings),
    targets: cityTargetsFor(city, d.name, yearOf(asOf)),
  }));
  return rankEntries(entries, asOf, settings, (entry, scores) => ({ district: entry.district, ...scores }));
}
