import { describe, expect, it } from 'vitest';
import { atLeast, ROLE_NAMES, ROLE_WORDS } from '../../src/domain/roles.ts';
import { ROLES } from '../../storage/schema.ts';

describe('the role table', () => {
  it('orders member below leader below admin', () => {
    expect(atLeast('leader', 'member')).toBe(true);
    expect(atLeast('leader', 'leader')).toBe(true);
    expect(atLeast('leader', 'admin')).toBe(false);
    expect(atLeast('member', 'leader')).toBe(false);
  });

  it('reads back every name it shows', () => {
    for (const role of ROLES) expect(ROLE_WORDS[ROLE_NAMES[role]]).toBe(role);
  });
});
