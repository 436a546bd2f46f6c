import type { FrozenChain } from '../../storage/organisation.ts';
import type { ProjectFilter } from '../../storage/project-search.ts';
import type { Chain, Project, Role, Scope } from '../../storage/schema.ts';
import { scopeContains } from '../../storage/scope.ts';
import type { Store } from '../../storage/store.ts';

/**
 * Who may see which project — the one rule for replies to people and for what groups are pushed.
 *
 * - Leaders and admins see every project.
 * - A member sees their own unit's projects, and a task force's projects when their unit is the
 *   chain's lead unit or one of its member units. Nothing else: another unit's projects reach a
 *   member only as part of rankings and totals.
 * - A task force's projects are those tagged with its chain **and** owned by one of its units: the
 *   产业链 field is free text any unit may write, so a tag alone never opens a project to others.
 * - A group sees what its binding covers: the district group everything (the bureau's 通报 to all
 *   units), a unit group that unit's projects, a task-force group the task force's projects (none
 *   while the task force has no lead or member units), a leader's group the projects that leader
 *   包联. A command typed in a group is answered by the sender's rule, as anywhere else.
 */
export type Visible = ProjectFilter;

function unitsOf(chain: FrozenChain): Set<string> {
  return new Set([chain.leadUnitId, ...chain.memberUnitIds].filter((u): u is string => u !== null));
}

/** Whether the project is one of the task force's projects (tagged with it and owned by one of its units). */
export function chainCovers(chain: Readonly<Chain>, p: Readonly<Project>): boolean {
  return p.chain === chain.name && unitsOf(chain).has(p.unitId);
}

/** What a person may see; `unitId` is their unit (null: none). */
export function visibleTo(store: Store, who: { role: Role; unitId: string | null }): Visible {
  if (who.role !== 'member') return () => true;
  const { unitId } = who;
  if (unitId === null) return Object.assign(() => false, { units: new Set<string>() });
  const chains = new Map<string, Set<string>>();
  // the units whose projects can be visible at all: a search for this person looks at nothing else
  const units = new Set([unitId]);
  for (const chain of store.chains()) {
    const of = unitsOf(chain);
    if (!of.has(unitId)) continue;
    chains.set(chain.name, of);
    for (const u of of) units.add(u);
  }
  const visible = (p: Readonly<Project>) =>
    p.unitId === unitId || (p.chain !== null && chains.get(p.chain)?.has(p.unitId) === true);
  return Object.assign(visible, { units });
}

/**
 * What a person may change: an admin anything, anyone else their own unit's projects only — never
 * a project `visibleTo` hides (a search for a new name relies on it).
 */
export function changeableBy(who: { role: Role; unitId: string | null }): Visible {
  if (who.role === 'admin') return () => true;
  const { unitId } = who;
  return Object.assign((p: Readonly<Project>) => unitId !== null && p.unitId === unitId, {
    units: new Set(unitId === null ? [] : [unitId]),
  });
}

/** What a group bound to `scope` may be pushed: a chain's group sees the chain's projects of its own units. */
export function visibleToGroup(store: Store, scope: Scope): Visible {
  if (scope.kind !== 'chain') return (p) => scopeContains(scope, p);
  const chain = store.chain(scope.chain);
  return chain ? (p) => chainCovers(chain, p) : () => false;
}
