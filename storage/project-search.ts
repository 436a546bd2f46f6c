import type { FiledIds } from './indexes.ts';
import type { Ledger } from './ledger.ts';
import { mayHoldPieces, PROJECT_ID, type ProjectMatch, piecesInOrder } from './project-match.ts';
import { everydayNamesOf } from './project-names.ts';
import type { Project } from './schema.ts';
import { bigramsOf, similarity } from './similarity.ts';

/** Which projects a search may see: a test, and optionally the only units whose projects can pass it. */
export type ProjectFilter = ((p: Readonly<Project>) => boolean) & {
  /** Every project the test lets through belongs to one of these units, so a search looks nowhere else. */
  readonly units?: ReadonlySet<string>;
};

/** An everyday form of a project's name (storage/project-names.ts) found written in a text. */
export interface WrittenName {
  form: string;
  /** Where the form is first written in the text. */
  at: number;
  project: Readonly<Project>;
}

const EVERYONE: ProjectFilter = () => true;

/**
 * The two-code-unit pairs of `text` (as `namePairs` files names), each once, made one at a time:
 * the search stops at the first pair no name holds.
 */
function* pairsIn(text: string): Generator<string> {
  const seen = new Set<string>();
  for (let i = 0; i + 2 <= text.length; i++) {
    const pair = text.slice(i, i + 2);
    if (seen.has(pair)) continue;
    seen.add(pair);
    yield pair;
  }
}

/**
 * Whether to probe `ids` for each of `candidates` ids rather than test their names: yes once it is
 * a set, or when building its set costs about what the name tests it saves — a long start-up
 * array probed by a short list would cost more to build than the list costs to test.
 */
function worthProbing(ids: FiledIds, candidates: number): boolean {
  return ids.indexed || ids.size <= 4 * candidates;
}

/** Ids to check, and a set each of them must also be in (null: none). */
interface Candidates {
  ids: Iterable<string>;
  alsoIn: FiledIds | null;
}

/**
 * Finding projects by 编号 and by name through the ledger's indexes, with the same answers as a
 * pass over every project the filter lets through (storage/project-match.ts is that pass, and the
 * tests hold the two to the same answers). Hands out live records: never change them.
 */
export class ProjectSearch {
  private readonly projects: Readonly<Record<string, Project>>;
  private readonly pairIds = new Map<string, FiledIds>();

  constructor(
    private readonly ledger: Ledger,
    private readonly within: ProjectFilter = EVERYONE,
  ) {
    this.projects = ledger.read((d) => d.projects);
  }

  /** The project with this 编号 (as stored: upper case), if the filter lets it through. */
  byId(id: string): Readonly<Project> | undefined {
    const p = this.projects[id];
    return p && this.within(p) ? p : undefined;
  }

  /** Projects of exactly this name (one per unit at most). */
  named(name: string): Array<Readonly<Project>> {
    return this.pass({ ids: this.ledger.idsBy('projectsByName', name), alsoIn: null }, () => true);
  }

  /** Projects whose names contain `part`, at most `limit` of them (which ones, when more: unspecified). */
  containing(part: string, limit = Number.POSITIVE_INFINITY): Array<Readonly<Project>> {
    return this.pass(this.holdingPairs(pairsIn(part)), (name) => name.includes(part), limit);
  }

  /**
   * Projects whose names hold `core` cut into pieces in order (`piecesInOrder`); `core` has two code
   * units or more. Such a name holds the core's first and last two code units, so only the projects
   * filed under both are tried.
   */
  withPieces(core: string, limit = Number.POSITIVE_INFINITY): Array<Readonly<Project>> {
    const pairs = new Set(core.length >= 2 ? [core.slice(0, 2), core.slice(-2)] : []);
    const may = mayHoldPieces(core, (pair) => this.namesWith(pair).size);
    return this.pass(this.holdingPairs(pairs), (name) => may(name) && piecesInOrder(core, name), limit);
  }

  /** Whether any name contains `part`. */
  anyContaining(part: string): boolean {
    return this.containing(part, 1).length > 0;
  }

  /** Every 产业链 a project is tagged with, in no particular order. */
  chainTags(): string[] {
    return [...this.ledger.keysBy('projectsByChain')];
  }

  /** Where the first project tagged with `tag` stands in a pass over every project (any filter aside). */
  firstTagged(tag: string): number {
    let first = Number.POSITIVE_INFINITY;
    for (const id of this.ledger.idsBy('projectsByChain', tag))
      first = Math.min(first, this.ledger.positionOf('projects', id) ?? first);
    return first;
  }

  /**
   * Every everyday form of a name written in `text`, with its project, ordered by project as a pass
   * over every project meets them, then as `everydayNames` lists a name's forms.
   */
  everydayNamesIn(text: string): WrittenName[] {
    const found: Array<WrittenName & { rank: number }> = [];
    const seen = new Set<string>();
    const sizes = [...this.ledger.keysBy('projectsByEverydayNameLength')].map(Number).sort((a, b) => a - b);
    for (let i = 0; i + 2 <= text.length; i++) {
      if (this.ledger.idsBy('projectsByEverydayNameStart', text.slice(i, i + 2)).size === 0) continue;
      for (const n of sizes) {
        if (i + n > text.length) break;
        const form = text.slice(i, i + n);
        for (const id of this.ledger.idsBy('projectsByEverydayName', form)) {
          const key = `${form}\u0000${id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const project = this.projects[id] as Project;
          if (!this.within(project)) continue;
          const rank = everydayNamesOf(project.name).indexOf(form);
          found.push({ form, at: i, project, rank });
        }
      }
    }
    const at = (p: Readonly<Project>) => this.ledger.positionOf('projects', p.id) as number;
    found.sort((a, b) => at(a.project) - at(b.project) || a.rank - b.rank);
    return found.map(({ form, at, project }) => ({ form, at, project }));
  }

  /** What a reference (编号, name, part of a name) names; the same answer as `matchProject` over the filtered projects. */
  match(rawRef: string, suggest: boolean): ProjectMatch {
    const ref = rawRef.trim();
    if (PROJECT_ID.test(ref)) {
      const byId = this.byId(ref.toUpperCase());
      if (byId) return { kind: 'one', project: byId as Project };
    }
    const exact = this.named(ref) as Project[];
    if (exact.length === 1) return { kind: 'one', project: exact[0] as Project };
    if (exact.length > 1) return { kind: 'many', projects: exact.sort((a, b) => a.id.localeCompare(b.id)) };
    let partial = this.containing(ref) as Project[];
    if (partial.length === 0) {
      const core = ref.replace(/(?:项目|工程)$/u, '');
      if ([...core].length >= 2) partial = this.withPieces(core) as Project[];
    }
    if (partial.length === 1) return { kind: 'one', project: partial[0] as Project };
    if (partial.length > 1)
      return { kind: 'many', projects: partial.sort((a, b) => a.id.localeCompare(b.id)) };
    if (!suggest || PROJECT_ID.test(ref)) return { kind: 'none', closest: [] };
    return { kind: 'none', closest: this.closeNames(ref) as Project[] };
  }

  /** Up to three projects whose names are close to `ref`, closest first (as `matchProject` picks them). */
  private closeNames(ref: string): Array<Readonly<Project>> {
    const grams = [...new Set(bigramsOf(ref.replace(/项目$/, '')))];
    const shared = new Map<string, number>();
    const passes = new Map<string, boolean>();
    for (const g of grams) {
      for (const id of this.holdingPairs(g.length >= 2 ? [g.slice(0, 2)] : []).ids) {
        const p = this.projects[id] as Project;
        if (!p.name.includes(g)) continue;
        let ok = passes.get(id);
        if (ok === undefined) {
          ok = this.within(p);
          passes.set(id, ok);
        }
        if (ok) shared.set(id, (shared.get(id) ?? 0) + 1);
      }
    }
    const at = (id: string) => this.ledger.positionOf('projects', id) as number;
    return [...shared]
      .sort((a, b) => b[1] - a[1] || at(a[0]) - at(b[0]))
      .slice(0, 40)
      .map(([id]) => this.projects[id] as Project)
      .map((p) => ({ p, s: similarity(ref, p.name) }))
      .filter((x) => x.s > 0.25)
      .sort((a, b) => b.s - a.s)
      .slice(0, 3)
      .map((x) => x.p);
  }

  /**
   * Projects that may hold every pair (a superset, to be checked): those filed under the rarest
   * pair, or the filter's units' projects when they are fewer, and also under `alsoIn` (the next
   * rarest pair); every project when no pair is given and the filter names no units. One look in
   * a second set rules out most of the names to check; more looks cost more than they save.
   */
  private holdingPairs(pairs: Iterable<string>): Candidates {
    const sets: FiledIds[] = [];
    for (const pair of pairs) {
      const ids = this.namesWith(pair);
      // a pair no name holds rules out every name: the reader asks this of whole runs of words
      // (「华峰项目 合同额1亿 类型正式合同」), whose later pairs need not be looked up at all
      if (ids.size === 0) return { ids, alsoIn: null };
      sets.push(ids);
    }
    sets.sort((a, b) => a.size - b.size);
    const [rarest, next] = sets;
    const units = this.within.units;
    if (units) {
      let total = 0;
      for (const u of units) total += this.ledger.idsBy('projectsByUnit', u).size;
      if (!rarest || total < rarest.size)
        return { ids: this.ofUnits(units), alsoIn: rarest && worthProbing(rarest, total) ? rarest : null };
    }
    if (!rarest) return { ids: this.every(), alsoIn: null };
    return { ids: rarest, alsoIn: next && worthProbing(next, rarest.size) ? next : null };
  }

  /**
   * The projects whose names hold a pair. A search asks the same pairs more than once (a name, then
   * its core cut into pieces), and looking one up in an index of every pair costs more than asking
   * again here; a search lives inside one read, so the index cannot change meanwhile.
   */
  private namesWith(pair: string): FiledIds {
    let ids = this.pairIds.get(pair);
    if (!ids) {
      ids = this.ledger.idsBy('projectsByNamePair', pair);
      this.pairIds.set(pair, ids);
    }
    return ids;
  }

  private *every(): Iterable<string> {
    for (const id in this.projects) yield id;
  }

  private *ofUnits(units: ReadonlySet<string>): Iterable<string> {
    for (const u of units) yield* this.ledger.idsBy('projectsByUnit', u);
  }

  private pass(
    { ids, alsoIn }: Candidates,
    test: (name: string) => boolean,
    limit = Number.POSITIVE_INFINITY,
  ): Array<Readonly<Project>> {
    const out: Array<Readonly<Project>> = [];
    for (const id of ids) {
      if (alsoIn && !alsoIn.has(id)) continue;
      const p = this.projects[id];
      if (!p || !test(p.name) || !this.within(p)) continue;
      out.push(p);
      if (out.length >= limit) break;
    }
    return out;
  }
}
