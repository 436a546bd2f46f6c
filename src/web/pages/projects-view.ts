import { type Project, type Role, STAGES } from '../../../storage/schema.ts';
import type { Store } from '../../../storage/store.ts';
import { formatWan, sumWan } from '../../domain/money.ts';
import { visibleTo } from '../../domain/visibility.ts';
import { isMajor, LIGHT_LABEL, type Light, projectLight } from '../../race/lights.ts';
import { raceView } from '../../race/race-context.ts';
import type { LocalDate } from '../../time/clock.ts';
import {
  DEFAULT_QUERY,
  PAGE_SIZE,
  PROJECT_SORTS,
  type ProjectQuery,
  type ProjectSort,
  projectQueryString,
} from './projects-query.ts';

/** Who looks at a page: the same two facts chat's rule of who sees what reads. */
export interface PageViewer {
  role: Role;
  unitId: string | null;
}

/** One project as the list shows it: amounts, dates and light as chat writes them. */
export interface ProjectRow {
  id: string;
  name: string;
  unit: string;
  chain: string;
  stage: string;
  major: boolean;
  contract: string;
  signed: string;
  funds: string;
  light: Light | null;
  lightLabel: string;
  href: string;
}

export interface PageLink {
  page: number;
  href: string;
  current: boolean;
}

export interface Option {
  value: string;
  label: string;
}

export interface ProjectsPage {
  query: ProjectQuery;
  rows: ProjectRow[];
  /** Projects that pass the filters, and all the viewer may see. */
  total: number;
  visible: number;
  page: number;
  pages: number;
  links: PageLink[];
  prev: string | null;
  next: string | null;
  options: { units: Option[]; chains: Option[]; stages: Option[]; lights: Option[] };
  /** Where a click on a column's head goes: that sort, flipped when it is already the one. */
  sortHrefs: Record<ProjectSort, string>;
  resetHref: string;
}

/** What a project is sorted and filtered by, worked out once per change (and day) for everyone. */
interface Facts {
  p: Readonly<Project>;
  light: Light | null;
  major: boolean;
  contractWan: number | null;
  fundsWan: number;
  haystack: string;
}

const LIGHT_ORDER: Record<Light, number> = { red: 0, yellow: 1, green: 2 };
const ENDED = new Set(['投产', '终止']);

const factsCache = new WeakMap<Store, { seq: number; today: LocalDate; facts: Facts[] }>();
/**
 * Each record's facts, kept while the record is the same object: the ledger never changes a record
 * in place (a change puts a new object), so after one report only that project's are worked out again.
 */
const recordFacts = new WeakMap<Readonly<Project>, { stamp: string; facts: Facts }>();

function projectFacts(store: Store, now: Date): Facts[] {
  const view = raceView(store, now);
  const cached = factsCache.get(store);
  if (cached && cached.seq === store.seq && cached.today === view.today) return cached.facts;
  // lights depend on the day and the settings as well as on the record
  const stamp = `${view.today}|${JSON.stringify(view.settings)}`;
  const facts = store.scanProjects((all) =>
    all.map((p): Facts => {
      const known = recordFacts.get(p);
      if (known && known.stamp === stamp) return known.facts;
      const light = ENDED.has(p.stage) ? null : projectLight(p, view.today, view.settings).light;
      const made: Facts = {
        p,
        light,
        major: isMajor(p, view.settings),
        contractWan: p.signing?.amountWan ?? null,
        fundsWan: sumWan(p.instalments.map((i) => i.amountWan)),
        haystack: [p.id, p.name, p.investor ?? ''].join('\u0000').toLowerCase(),
      };
      recordFacts.set(p, { stamp, facts: made });
      return made;
    }),
  );
  factsCache.set(store, { seq: store.seq, today: view.today, facts });
  return facts;
}

/** The value a column sorts by; null (no contract, no light…) goes last whichever the direction. */
function sortKey(sort: ProjectSort): (f: Facts) => string | number | null {
  switch (sort) {
    case 'id':
      return (f) => f.p.id;
    case 'name':
      return (f) => f.p.name;
    case 'amount':
      return (f) => f.contractWan;
    case 'signed':
      return (f) => f.p.signing?.date ?? null;
    case 'funds':
      return (f) => f.fundsWan;
    case 'light':
      return (f) => (f.light === null ? null : LIGHT_ORDER[f.light]);
  }
}

const collator = new Intl.Collator('zh-Hans-CN');

function sorted(list: Facts[], sort: ProjectSort, desc: boolean): Facts[] {
  const key = sortKey(sort);
  const keyed = list.map((f) => ({ f, k: key(f) }));
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) {
      if (a.k !== b.k) return a.k === null ? 1 : -1;
    } else {
      const c =
        typeof a.k === 'number' && typeof b.k === 'number'
          ? a.k - b.k
          : sort === 'name'
            ? collator.compare(String(a.k), String(b.k))
            : String(a.k).localeCompare(String(b.k));
      if (c !== 0) return desc ? -c : c;
    }
    // equal values keep the 编号 order, whichever the direction
    return sort === 'id' ? 0 : a.f.p.id < b.f.p.id ? -1 : a.f.p.id > b.f.p.id ? 1 : 0;
  });
  return keyed.map(({ f }) => f);
}

/** Page numbers worth a link: the first, the last, and two either side of the current one. */
function pageWindow(page: number, pages: number): number[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2]);
  return [...wanted].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
}

/**
 * The 项目 page: every project the viewer may see (src/domain/visibility.ts — a member never meets
 * another unit's project, in the list, an option, a count or a search), filtered, sorted and cut
 * into pages on the server.
 */
export function projectsPage(
  store: Store,
  viewer: PageViewer,
  query: ProjectQuery,
  now: Date,
  base = '/web/projects',
): ProjectsPage {
  const canRead = visibleTo(store, viewer);
  const units = new Map(store.units().map((u) => [u.id, u.name]));
  const mine = projectFacts(store, now).filter((f) => canRead(f.p));
  const needle = query.q.toLowerCase();
  const picked = mine.filter(
    (f) =>
      (query.unit === null || f.p.unitId === query.unit) &&
      (query.chain === null || f.p.chain === query.chain) &&
      (query.stage === null || f.p.stage === query.stage) &&
      (query.light === null || (query.light === 'none' ? f.light === null : f.light === query.light)) &&
      (!query.major || f.major) &&
      (needle === '' || f.haystack.includes(needle)),
  );
  const pages = Math.max(1, Math.ceil(picked.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const shown = sorted(picked, query.sort, query.desc).slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const at = (n: number) => `${base}${projectQueryString({ ...query, page: n })}`;
  const unitIds = new Set(mine.map((f) => f.p.unitId));
  const chains = new Set(mine.flatMap((f) => (f.p.chain ? [f.p.chain] : [])));
  return {
    query: { ...query, page },
    rows: shown.map(({ p, light, major, contractWan, fundsWan }) => ({
      id: p.id,
      name: p.name,
      unit: units.get(p.unitId) ?? p.unitId,
      chain: p.chain ?? '',
      stage: p.stage,
      major,
      contract: contractWan === null ? '' : `${p.signing?.type ?? ''} ${formatWan(contractWan)}`,
      signed: p.signing?.date ?? '',
      funds: fundsWan === 0 ? '' : formatWan(fundsWan),
      light,
      lightLabel: light === null ? '' : LIGHT_LABEL[light],
      href: `${base}/${encodeURIComponent(p.id)}`,
    })),
    total: picked.length,
    visible: mine.length,
    page,
    pages,
    links: pageWindow(page, pages).map((n) => ({ page: n, href: at(n), current: n === page })),
    prev: page > 1 ? at(page - 1) : null,
    next: page < pages ? at(page + 1) : null,
    options: {
      units: [...unitIds]
        .map((id) => ({ value: id, label: units.get(id) ?? id }))
        .sort((a, b) => a.label.localeCompare(b.label, 'zh-Hans-CN')),
      chains: [...chains]
        .sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'))
        .map((c) => ({ value: c, label: c })),
      stages: STAGES.map((s) => ({ value: s, label: s })),
      lights: (['red', 'yellow', 'green'] as const).map((l) => ({ value: l, label: LIGHT_LABEL[l] })),
    },
    sortHrefs: Object.fromEntries(
      PROJECT_SORTS.map((sort) => [
        sort,
        `${base}${projectQueryString({ ...query, sort, desc: sort === query.sort ? !query.desc : false, page: 1 })}`,
      ]),
    ) as Record<ProjectSort, string>,
    resetHref: `${base}${projectQueryString({ ...DEFAULT_QUERY, sort: query.sort, desc: query.desc })}`,
  };
}
