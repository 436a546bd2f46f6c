import type { Store } from '../../storage/store.ts';
import type { DistrictLedger } from './district-ledger.ts';

/**
 * Makes each district a unit of the city's ledger, named as the district is (the city's targets for a
 * district are set on it). A district that has its unit already is left alone, so every instance may
 * run this at every start.
 */
export function addDistrictUnits(city: Store, districts: ReadonlyArray<DistrictLedger>, at: Date): void {
  for (const district of districts) {
    if (city.unitByName(district.name)) continue;
    city.addUnit({ actor: 'saima', command: 'city-district', at }, { name: district.name, type: '其他' });
  }
}
