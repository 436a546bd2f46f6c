import { piecesInOrder } from '../../storage/project-match.ts';
import type { Project } from '../../storage/schema.ts';
import type { Span } from './spans.ts';

/** What the reader may look up: only what the sender may see exists for it. */
export interface Lookup {
  /** Projects the sender may read. */
  projects(): ReadonlyArray<Readonly<Project>>;
  unitNames(): string[];
  chainNames(): string[];
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

const aliasCache = new Map<string, string[]>();

/** The everyday forms of a name, worked out once per name. */
function aliases(name: string): string[] {
  let forms = aliasCache.get(name);
  if (!forms) {
    if (aliasCache.size > 100_000) aliasCache.clear();
    forms = aliasesOf(name);
    aliasCache.set(name, forms);
  }
  return forms;
}

/** The everyday forms of a name: whole, without 项目, without a leading 年产… capacity. */
function aliasesOf(name: string): string[] {
  const core = name.replace(SUFFIX, '');
  const out = new Set([name, core]);
  const noCapacity = core.replace(
    /^年产[0-9.一二三四五六七八九十百千万]+(?:万?吨|万?台|万?套|万?件|万?头)?/u,
    '',
  );
  if (noCapacity.length >= 2) out.add(noCapacity);
  return [...out].filter((a) => a.length >= 2);
}

/**
 * The known project a sentence names: by 编号, else the longest of its names (or their everyday
 * forms) written in it. Several projects sharing that text are all returned, to ask which.
 */
export function knownProjectIn(text: string, lookup: Lookup): ProjectMention | null {
  const all = lookup.projects();
  for (const m of text.matchAll(ID)) {
    const project = all.find((p) => p.id === m[0].toUpperCase());
    if (project) return { start: m.index, end: m.index + m[0].length, projects: [project] };
  }
  const index = aliasIndex(all);
  let best = null as ProjectMention | null;
  let bestLength = 0;
  for (const ch of new Set(text)) {
    for (const [alias, project] of index.get(ch) ?? []) {
      if (alias.length < bestLength) continue;
      const at = text.indexOf(alias);
      if (at < 0) continue;
      if (alias.length > bestLength) {
        best = { start: at, end: at + alias.length, projects: [project] };
        bestLength = alias.length;
      } else if (best && !best.projects.includes(project)) {
        best = { ...best, projects: [...best.projects, project] };
      }
    }
  }
  return best;
}

type AliasIndex = Map<string, Array<[string, Readonly<Project>]>>;
const aliasIndexes = new WeakMap<ReadonlyArray<Readonly<Project>>, AliasIndex>();

/**
 * Every everyday form of every visible name, by its first character: a sentence is compared only
 * with the names that start with one of its characters. Built once per list of projects (the list
 * is made afresh after each change).
 */
function aliasIndex(all: ReadonlyArray<Readonly<Project>>): AliasIndex {
  let index = aliasIndexes.get(all);
  if (index) return index;
  index = new Map();
  for (const project of all) {
    for (const alias of aliases(project.name)) {
      const first = alias[0] as string;
      const list = index.get(first);
      if (list) list.push([alias, project]);
      else index.set(first, [[alias, project]]);
    }
  }
  aliasIndexes.set(all, index);
  return index;
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
    const named = projectsNamedBy(ref, lookup);
    if (named.length === 1) return { start: from, end: from + n, projects: named };
    if (named.length === 0 && n >= 4) return null;
  }
  return null;
}

/** Projects whose names contain `ref` (a part of a name as people shorten it), at least two characters. */
export function projectsNamedBy(ref: string, lookup: Lookup): ReadonlyArray<Readonly<Project>> {
  const core = ref.replace(SUFFIX, '');
  if (core.length < 2) return [];
  const all = lookup.projects();
  const within = all.filter((p) => p.name.includes(core));
  return within.length ? within : all.filter((p) => piecesInOrder(core, p.name));
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
    if (
      (text.includes(name) || (core.length >= 2 && text.includes(core))) &&
      (!best || name.length > best.length)
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
