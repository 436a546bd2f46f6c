import type { Store } from '../../storage/store.ts';

/**
 * One district of the city: its own store (its own journal stream or data directory). At city level
 * a district is also a unit of the city's store, named as the district is, on which the city's
 * targets for it are set.
 */
export interface DistrictLedger {
  id: string;
  name: string;
  store: Store;
}
