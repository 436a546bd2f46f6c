import type { Role } from '../../storage/schema.ts';

/** The logged-in member, resolved on every request (a 停用/删除 member has no viewer, so no page). */
export interface WebViewer {
  account: string;
  name: string;
  role: Role;
  unitId: string | null;
}
