import { STAGES, type Stage } from '../../../storage/schema.ts';
import type { Light } from '../../race/lights.ts';

export const PROJECT_SORTS = ['id', 'name', 'amount', 'signed', 'funds', 'light'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];
/** `none`: a project that has no light (投产 or 终止). */
export type LightFilter = Light | 'none';
const LIGHT_FILTERS: readonly LightFilter[] = ['red', 'yellow', 'green', 'none'];

/** Rows on one page of the 项目 list: a page is read on a phone as well as on an office screen. */
export const PAGE_SIZE = 50;
/** Longer than any name, 编号 or investor may be: a longer search matches nothing anyway. */
const MAX_SEARCH = 60;

/** What the 项目 list is asked for, as its URL carries it. */
export interface ProjectQuery {
  unit: string | null;
  chain: string | null;
  stage: Stage | null;
  light: LightFilter | null;
  major: boolean;
  q: string;
  sort: ProjectSort;
  desc: boolean;
  page: number;
}

export const DEFAULT_QUERY: ProjectQuery = {
  unit: null,
  chain: null,
  stage: null,
  light: null,
  major: false,
  q: '',
  sort: 'id',
  desc: false,
  page: 1,
};

function one(raw: unknown): string | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function oneOf<T extends string>(raw: unknown, allowed: readonly T[]): T | null {
  const v = one(raw);
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

/**
 * The query from a URL's parameters. Whatever a hand-edited URL holds, the answer is a list: an
 * unknown value is as if not given, a page past the end is clamped where the list is built.
 */
export function parseProjectQuery(params: Record<string, unknown>): ProjectQuery {
  const page = Number(one(params.page));
  return {
    unit: one(params.unit),
    chain: one(params.chain),
    stage: oneOf(params.stage, STAGES),
    light: oneOf(params.light, LIGHT_FILTERS),
    major: one(params.major) === '1',
    q: [...(one(params.q) ?? '')].slice(0, MAX_SEARCH).join(''),
    sort: oneOf(params.sort, PROJECT_SORTS) ?? DEFAULT_QUERY.sort,
    desc: one(params.dir) === 'desc',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The URL's query string for a query (defaults left out, so links stay short), `?` included. */
export function projectQueryString(query: ProjectQuery): string {
  const params = new URLSearchParams();
  if (query.unit) params.set('unit', query.unit);
  if (query.chain) params.set('chain', query.chain);
  if (query.stage) params.set('stage', query.stage);
  if (query.light) params.set('light', query.light);
  if (query.major) params.set('major', '1');
  if (query.q) params.set('q', query.q);
  if (query.sort !== DEFAULT_QUERY.sort) params.set('sort', query.sort);
  if (query.desc) params.set('dir', 'desc');
  if (query.page > 1) params.set('page', String(query.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
