import type { Scope } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import { UserError } from '../core/errors.ts';
import { zh } from '../text/zh.ts';

/** Reads `全区`, `专班铝产业`, `领导张三`, `单位工业园区管委会` or a bare unit name. */
export function parseScope(text: string, store: Store): Scope {
  const s = text.trim();
  if (s === '全区' || s === '区级' || s === '全区范围') return { kind: 'district' };
  const chain = /^(?:专班|产业链)[:：]?(.+)$/.exec(s);
  if (chain) return { kind: 'chain', chain: (chain[1] as string).trim() };
  const leader = /^领导[:：]?(.+)$/.exec(s);
  if (leader) return { kind: 'leader', leaderName: (leader[1] as string).trim() };
  const unitName = s.replace(/^单位[:：]?/, '').trim();
  const unit = store.unitByName(unitName);
  if (unit) return { kind: 'unit', unitId: unit.id };
  throw new UserError(zh.scopeUnknown(s));
}

export function describeScope(scope: Scope, store: Store): string {
  switch (scope.kind) {
    case 'district':
      return '全区';
    case 'unit':
      return store.unit(scope.unitId)?.name ?? scope.unitId;
    case 'chain':
      return `${scope.chain}专班`;
    case 'leader':
      return `${scope.leaderName}（区领导）`;
  }
}
