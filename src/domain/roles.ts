import { ROLES, type Role } from '../../storage/schema.ts';

/** The words a person may write for a role. */
export const ROLE_WORDS: Record<string, Role> = {
  成员: 'member',
  领导: 'leader',
  区领导: 'leader',
  管理员: 'admin',
};

/** How a role is shown. */
export const ROLE_NAMES: Record<Role, string> = { member: '成员', leader: '领导', admin: '管理员' };

/** Whether `role` is `needed` or above it, in the order of `ROLES` (storage/schema.ts): member < leader < admin. */
export function atLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
