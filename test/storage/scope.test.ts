import { describe, expect, it } from 'vitest';
import { describeScope, parseScope, scopeContains, scopeKey } from '../../storage/scope.ts';

const units = {
  unitByName: (name: string) => (name === '工业园区管委会' ? { id: 'U1', name } : null),
  unit: (id: string) => (id === 'U1' ? { id, name: '工业园区管委会' } : null),
};

describe('a scope', () => {
  it('is read from 全区, 专班…, 领导… or a unit name, and described back', () => {
    const read = ['全区', '专班铝产业', '领导张三', '单位工业园区管委会'].map((t) =>
      parseScope(t, units as never),
    );
    expect(read.map((s) => describeScope(s, units as never))).toEqual([
      '全区',
      '铝产业专班',
      '张三（区领导）',
      '工业园区管委会',
    ]);
  });

  it('keeps the stored key every target id is built from', () => {
    expect(scopeKey({ kind: 'unit', unitId: 'U1' })).toBe('单位:U1');
    expect(scopeKey({ kind: 'chain', chain: '铝产业' })).toBe('专班:铝产业');
  });

  it('refuses a name that is no scope, in Chinese', () => {
    expect(() => parseScope('火星', units as never)).toThrow(/火星/);
  });

  it('never counts a trip in a chain, which trips do not have', () => {
    const trip = { unitId: 'U1', chain: null, leaderName: '张三' };
    expect(scopeContains({ kind: 'chain', chain: '铝产业' }, trip)).toBe(false);
    expect(scopeContains({ kind: 'leader', leaderName: '张三' }, trip)).toBe(true);
    expect(scopeContains({ kind: 'unit', unitId: 'U1' }, { ...trip, chain: '铝产业' })).toBe(true);
  });
});
