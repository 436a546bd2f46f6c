import { CITY_ONLY, cityCommands } from '../commands/city/index.ts';
import { durably } from '../storage/durably.ts';
import type { DistrictLedger } from './city/district-ledger.ts';
import { addDistrictUnits } from './city/district-units.ts';
import { type LedgerStack, openLedger, type SharedParts } from './ledger-stack.ts';
import type { LedgerPlace } from './tenancy/district-plan.ts';

/**
 * The city level of a many-district deployment: a ledger of its own whose units are the districts,
 * so the city's targets for a district are set and read as a district's targets for a unit are.
 * It reads the districts' ledgers and never writes them.
 */
export async function openCity(
  place: LedgerPlace,
  shared: SharedParts,
  districts: ReadonlyArray<LedgerStack>,
): Promise<{ stack: LedgerStack; only: ReadonlySet<string> }> {
  const ledgers: DistrictLedger[] = districts.map((d) => ({
    id: d.place.id,
    name: d.place.name ?? d.place.id,
    store: d.store,
  }));
  const stack = await openLedger(place, shared, { specs: cityCommands(() => ledgers), web: false });
  try {
    // another instance starting at the same moment may add them first: then this one adds nothing
    await durably(stack.store, () => addDistrictUnits(stack.store, ledgers, shared.clock.now()));
  } catch (e) {
    await stack.store.close().catch(() => undefined);
    throw e;
  }
  return { stack, only: CITY_ONLY };
}
