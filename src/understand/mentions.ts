import type { WrittenName } from '../../storage/project-search.ts';
import type { Project } from '../../storage/schema.ts';
import type { Span } from './spans.ts';

/** What the reader may look up: only what the sender may see exists for it. */
export interface Lookup {
  /** The project with this 编号 (upper case), if the sender may read it. */
  projectById(id: string): Readonly<Project> | null;
  /** Up to `limit` readable projects whose names contain `part` (which ones, when there are more: any). */
  projectsContaining(part: string, limit: number): ReadonlyArray<Readonly<Project>>;
  /** Up to `limit` readable projects whose names hold `core` cut into pieces in order (`piecesInOrder`). */
  projectsWithPieces(core: string, limit: number): ReadonlyArray<Readonly<Project>>;
  /**
   * The everyday forms of readable projects' names written in the text, by project in the order a
   * pass over every project meets them, then in the order `everydayNames` lists a name's forms.
   */
  namesWrittenIn(text: string): ReadonlyArray<WrittenName>;
  unitNames(): string[];
  /** The task forces' names and every 产业链 a project is tagged with, each once. */
  chainNames(): string[];
  /** Where a chain name stands among them: task forces first, then tags as first written on a project. */
  chainRank(name: string): number;
  /** Names of district leaders (the 领导 role). */
  leaderNames(): string[];
  /** The sender's own unit, if any. */
  ownUnit(): string | null;
}

export interface ProjectMention extends Span {
  projects: ReadonlyArray<Readonly<Project>>;
}

const ID = /P\d{4}-\d{3,}/giu;
const SUFFIX = /(?:项目|工程)$/u;

/**
 * The known project a sentence names: by 编号, else the longest of its names (or their everyday
 * forms) written in it. Several projects sharing that text are all returned, to ask which.
 */
export function knownProjectIn(text: string, lookup: Lookup): ProjectMention | null {
  for (const m of text.matchAll(ID)) {
    const project = lookup.projectById(m[0].toUpperCase());
    if (project) return { start: m.index, end: m.index + m[0].length, projects: [project] };
  }
  // forms are weighed by their first letter, in the order the letters first appear in the text: of
  // two equally long forms, the first weighed places the mention and names the first project
  const letters = new Map<string, number>();
  for (const ch of text) if (!letters.has(ch)) letters.set(ch, letters.size);
  const weighed = lookup
    .namesWrittenIn(text)
    .filter((w) => letters.has(w.form[0] as string))
    .sort(
      (a, b) => (letters.get(a.form[0] as string) as number) - (letters.get(b.form[0] as string) as number),
    );
  let best = null as ProjectMention | null;
  let bestLength = 0;
  for (const { form, project } of weighed) {
    if (form.length < bestLength) continue;
    if (form.length > bestLength) {
      const at = text.indexOf(form);
      best = { start: at, end: at + form.length, projects: [project] };
      bestLength = form.length;
    } else if (best && !best.projects.includes(project)) {
      best = { ...best, projects: [...best.projects, project] };
    }
  }
  return best;
}

/** What may follow a project's everyday short name at the start of a sentence (「荣信那边」「浣米熊的…」「华峰又…」). */
const AFTER_SHORT_NAME =
  /^(?:的|那边|这边|那个|这个|项目|又|也|都|还|已|刚|今天|今日|昨天|前天|上周|这周|本周|上个?月|本月|这个月|在|正在|目前|现在|企业|公司|集团|[,，。;；:：!！?？\s]|\d)/u;

/**
 * The project a sentence opens with, named the way people shorten it (「荣信上周四到了2500万」,
 * 「浣米熊那边昨天到账800万」): the shortest opening that names exactly one visible project and is
 * followed by a word that ends a name. Several matching projects are all returned, to ask which.
 */
export function leadingProjectIn(text: string, lookup: Lookup, from = 0): ProjectMention | null {
  const clause = text.slice(from).split(/[,，。;；!！?？]/u)[0] ?? '';
  for (let n = 2; n <= Math.min(clause.length, 16); n++) {
    const ref = clause.slice(0, n);
    if (!AFTER_SHORT_NAME.test(clause.slice(n)) && n < clause.length) continue;
    const named = projectsNamedBy(ref, lookup, 2);
    if (named.length === 1) return { start: from, end: from + n, projects: named };
    if (named.length === 0 && n >= 4) return null;
  }
  return null;
}

/**
 * Projects whose names contain `ref` (a part of a name as people shorten it), at least two
 * characters; at most `limit` of them, as many as the caller needs to tell one from several.
 */
export function projectsNamedBy(
  ref: string,
  lookup: Lookup,
  limit: number,
): ReadonlyArray<Readonly<Project>> {
  const core = ref.replace(SUFFIX, '');
  if (core.length < 2) return [];
  const within = lookup.projectsContaining(core, limit);
  return within.length ? within : lookup.projectsWithPieces(core, limit);
}

/** The longest unit name written in the text. */
export function unitIn(text: string, lookup: Lookup): string | null {
  let best: string | null = null;
  for (const name of lookup.unitNames()) {
    const forms = [name, name.replace(/(?:管委会|委员会)$/u, '')].filter((f) => f.length >= 2);
    if (forms.some((f) => text.includes(f)) && (!best || name.length > best.length)) best = name;
  }
  return best;
}

export function chainIn(text: string, lookup: Lookup): string | null {
  let best: string | null = null;
  for (const name of lookup.chainNames()) {
    const core = name.replace(/(?:产业链|产业)$/u, '');
    if (!text.includes(name) && !(core.length >= 2 && text.includes(core))) continue;
    // the longest; of two as long, the one first in the list of chain names
    if (
      !best ||
      name.length > best.length ||
      (name.length === best.length && lookup.chainRank(name) < lookup.chainRank(best))
    )
      best = name;
  }
  return best;
}

const TITLE = /([\u4e00-\u9fa5])(?:常务副区长|副区长|区长|副书记|书记|副主任|主任|部长|局长|主席)/u;

/**
 * A district leader named in the text: by name, or by surname and title (王副区长) when only one
 * leader has that surname; else the title as written, as trips record it.
 */
export function leaderIn(text: string, lookup: Lookup): string | null {
  const leaders = lookup.leaderNames();
  const byName = leaders.filter((n) => text.includes(n)).sort((a, b) => b.length - a.length)[0];
  if (byName) return byName;
  const m = TITLE.exec(text);
  if (!m) return null;
  const same = leaders.filter((n) => n.startsWith(m[1] as string));
  return same.length === 1 ? (same[0] as string) : m[0];
}
