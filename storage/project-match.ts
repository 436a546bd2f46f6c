import type { Project } from './schema.ts';
import { bigramsOf, similarity } from './similarity.ts';

/** What a project reference (编号, name, part of a name) resolved to: the ledger's records, to read. */
export type ProjectMatch =
  | { kind: 'one'; project: Readonly<Project> }
  | { kind: 'many'; projects: ReadonlyArray<Readonly<Project>> }
  | { kind: 'none'; closest: ReadonlyArray<Readonly<Project>> };

export const PROJECT_ID = /^P(\d{4})-(\d{3,})$/i;

/**
 * What a reference names among `all`, by a pass over every one: the rule the indexed search
 * (storage/project-search.ts) answers by, and what its tests hold it to.
 */
export function matchProject(all: ReadonlyArray<Project>, rawRef: string, suggest: boolean): ProjectMatch {
  const ref = rawRef.trim();
  if (PROJECT_ID.test(ref)) {
    const byId = all.find((p) => p.id === ref.toUpperCase());
    if (byId) return { kind: 'one', project: byId };
  }
  // names are unique within a unit, so two units may each have a project of the same name
  const exact = all.filter((p) => p.name === ref);
  if (exact.length === 1) return { kind: 'one', project: exact[0] as Project };
  if (exact.length > 1)
    return { kind: 'many', projects: [...exact].sort((a, b) => a.id.localeCompare(b.id)) };
  const partial = all.filter((p) => p.name.includes(ref));
  if (partial.length === 0) {
    // how people shorten a name: 「轻量化项目」 for 交通工具轻量化原材料基地项目, 「荣信预制菜」 for 荣信集团预制菜加工项目
    const core = ref.replace(/(?:项目|工程)$/u, '');
    if ([...core].length >= 2) partial.push(...all.filter((p) => piecesInOrder(core, p.name)));
  }
  if (partial.length === 1) return { kind: 'one', project: partial[0] as Project };
  if (partial.length > 1) {
    return { kind: 'many', projects: [...partial].sort((a, b) => a.id.localeCompare(b.id)) };
  }
  if (!suggest || PROJECT_ID.test(ref)) return { kind: 'none', closest: [] };
  return { kind: 'none', closest: closeNames(all, ref) };
}

/**
 * Whether `core` can be cut into pieces of at least two characters that appear in `name` in the
 * same order (the longest piece first at each step), so a shortened name finds its project.
 */
export function piecesInOrder(core: string, name: string): boolean {
  if (name.includes(core)) return true;
  // the first piece starts the core and is at least two characters: a cheap way to rule most names out
  if (!name.includes(core.slice(0, 2))) return false;
  let from = 0;
  let i = 0;
  while (i < core.length) {
    let found = -1;
    let length = 0;
    for (let n = core.length - i; n >= 2; n--) {
      const at = name.indexOf(core.slice(i, i + n), from);
      if (at >= 0) {
        found = at;
        length = n;
        break;
      }
    }
    if (found < 0) return false;
    from = found + length;
    i += length;
  }
  return true;
}

/**
 * A quick test every name `piecesInOrder(core, name)` accepts passes: each letter of the core lies in
 * a piece of two or more, so the name holds the pair that letter starts or the pair it ends. Names
 * that share the core's first and last pairs (「…产业园」, numbered names) can be many; this rules most
 * of them out with a few `includes` instead of cutting the core against each. `namesWith` (how many
 * names hold a pair) orders the letters so the rarest are tried first.
 */
export function mayHoldPieces(core: string, namesWith: (pair: string) => number = () => 0) {
  const pairs: string[] = [];
  for (let i = 0; i + 2 <= core.length; i++) pairs.push(core.slice(i, i + 2));
  const counts = pairs.map(namesWith);
  // letter i is covered by pair i - 1 or pair i
  const letters = Array.from({ length: core.length }, (_, i) => ({
    before: i - 1 >= 0 ? i - 1 : -1,
    after: i < pairs.length ? i : -1,
    names: (counts[i - 1] ?? 0) + (counts[i] ?? 0),
  })).sort((x, y) => x.names - y.names);
  return (name: string): boolean => {
    for (const { before, after } of letters) {
      if (after >= 0 && name.includes(pairs[after] as string)) continue;
      if (before >= 0 && name.includes(pairs[before] as string)) continue;
      return false;
    }
    return true;
  };
}

/** Up to three projects whose names are close to `ref`, closest first. */
function closeNames(all: ReadonlyArray<Project>, ref: string): Project[] {
  // shared bigrams are a cheap first cut; the full similarity only ranks the best few dozen
  const grams = [...new Set(bigramsOf(ref.replace(/项目$/, '')))];
  return all
    .map((p) => ({ p, shared: grams.filter((g) => p.name.includes(g)).length }))
    .filter((x) => x.shared > 0)
    .sort((a, b) => b.shared - a.shared)
    .slice(0, 40)
    .map(({ p }) => ({ p, s: similarity(ref, p.name) }))
    .filter((x) => x.s > 0.25)
    .sort((a, b) => b.s - a.s)
    .slice(0, 3)
    .map((x) => x.p);
}
