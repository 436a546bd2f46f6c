import { UserError } from '../src/core/errors.ts';
import { zh } from '../src/text/zh.ts';
import type { Scope, Unit } from './schema.ts';

/** The units a scope names, looked up by name or id. */
export interface ScopeUnits {
  unitByName(name: string): Readonly<Unit> | null;
  unit(id: string): Readonly<Unit> | null;
}

/** Reads `全区`, `专班铝产业`, `领导张三`, `单位工业园区管委会` or a bare unit name. */
export function parseScope(text: string, units: Pick<ScopeUnits, 'unitByName'>): Scope {
  const s = text.trim();
  if (s === '全区' || s === '区级' || s === '全区范围') return { kind: 'district' };
  const chain = /^(?:专班|产业链)[:：]?(.+)$/.exec(s);
  if (chain) return { kind: 'chain', chain: (chain[1] as string).trim() };
  const leader = /^领导[:：]?(.+)$/.exec(s);
  if (leader) return { kind: 'leader', leaderName: (leader[1] as string).trim() };
  const unitName = s.replace(/^单位[:：]?/, '').trim();
  const unit = units.unitByName(unitName);
  if (unit) return { kind: 'unit', unitId: unit.id };
  throw new UserError(zh.scopeUnknown(s));
}

export function describeScope(scope: Scope, units: Pick<ScopeUnits, 'unit'>): string {
  switch (scope.kind) {
    case 'district':
      return '全区';
    case 'unit':
      return units.unit(scope.unitId)?.name ?? scope.unitId;
    case 'chain':
      return `${scope.chain}专班`;
    case 'leader':
      return `${scope.leaderName}（区领导）`;
  }
}

/** The stored identity of a scope: part of every target's id, so it never changes. */
export function scopeKey(scope: Scope): string {
  switch (scope.kind) {
    case 'district':
      return '全区';
    case 'unit':
      return `单位:${scope.unitId}`;
    case 'chain':
      return `专班:${scope.chain}`;
    case 'leader':
      return `领导:${scope.leaderName}`;
  }
}

/** Whether a project or a trip counts in a scope (a trip has no 产业链, so no chain counts it). */
export function scopeContains(
  scope: Scope,
  item: { unitId: string | null; chain: string | null; leaderName: string | null },
): boolean {
  switch (scope.kind) {
    case 'district':
      return true;
    case 'unit':
      return item.unitId === scope.unitId;
    case 'chain':
      return item.chain === scope.chain;
    case 'leader':
      return item.leaderName === scope.leaderName;
  }
}
