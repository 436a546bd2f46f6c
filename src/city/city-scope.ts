import type { Scope } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import { UserError } from '../core/errors.ts';
import { zh } from '../text/zh.ts';
import type { DistrictLedger } from './district-ledger.ts';

/**
 * What a city's target is for: 全市 (the city's own, on its store's whole scope) or one district
 * (the city's unit of that name). Anything else is refused before a word is written.
 */
export function readCityScope(text: string, districts: ReadonlyArray<DistrictLedger>, city: Store): Scope {
  const name = text.trim();
  if (name === zh.cityWhole) return { kind: 'district' };
  if (!districts.some((d) => d.name === name))
    throw new UserError(
      zh.cityScopeNotDistrict(
        name,
        districts.map((d) => d.name),
      ),
    );
  const unit = city.unitByName(name);
  if (!unit) throw new UserError(zh.cityDistrictMissing(name));
  return { kind: 'unit', unitId: unit.id };
}

export function describeCityScope(scope: Scope, city: Store): string {
  if (scope.kind === 'unit') return city.unit(scope.unitId)?.name ?? scope.unitId;
  return zh.cityWhole;
}
