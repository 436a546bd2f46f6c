import type { Project } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import type { Access } from '../core/command.ts';
import type { Html } from './html.ts';
import type { WebViewer } from './viewer.ts';

/** Everything a page needs for one request; built by the router after the session check. */
export interface PageContext {
  store: Store;
  viewer: WebViewer;
  now: Date;
  /** The token every form posts back as `csrf` (see `csrfField` in layout.ts). */
  csrf: string;
  /** The query string, one value per key (the last one wins). */
  query: Readonly<Record<string, string>>;
  /** The path's parameters (`/web/projects/:id` → `{ id }`). */
  params: Readonly<Record<string, string>>;
  /** A POST's form fields (urlencoded), or `{}`. */
  form: Readonly<Record<string, string>>;
  /** A POST's raw body when the page asked for it (`body: { kind: 'raw' }`), else null. */
  raw: Buffer | null;
  /** A request header (an upload's file name, sent by the page script). */
  header(name: string): string | undefined;
  /** Whether the viewer may see this project: src/domain/visibility.ts, the same rule as chat. */
  canRead(project: Readonly<Project>): boolean;
  /** SAIMA_PUBLIC_URL without a trailing slash, or null. */
  publicUrl: string | null;
  /** The path this request came in on (for links back to the same page with other query values). */
  path: string;
  /** Whether a page is mounted at this path (a button for a page another branch adds shows once it exists). */
  hasPage(path: string): boolean;
}

/** A file answered instead of a page (the chart PNG, a workbook). */
export interface WebFile {
  kind: 'file';
  bytes: Buffer;
  type: string;
  /** Given: the browser saves it under this name (Content-Disposition: attachment). */
  filename?: string;
}

export interface WebRedirect {
  kind: 'redirect';
  /** A path on this site (`/web/…`): never an address from the request. */
  to: string;
}

/** A whole page (already laid out by `layout`), or a file, or a redirect after a POST. */
export type PageResult = Html | WebFile | WebRedirect;

/**
 * One page or form action of the web view. Every one is mounted behind the session check;
 * a POST also needs the CSRF token and a same-origin request (src/web/web-guard.ts).
 */
export interface WebPage {
  /** Default GET. */
  method?: 'GET' | 'POST';
  /** An Express path under `/web/`, e.g. `/web/projects/:id`. */
  path: string;
  /** The page's title (browser tab, heading). */
  title: string;
  /** Who may open it, as in chat (default `member` = anyone registered); others get the same 404 as a missing page. */
  access?: Access;
  /**
   * A POST's body: urlencoded form fields (default, up to 64 KB; the token in the `csrf` field), or
   * the raw bytes up to `maxBytes` (an upload sent by a page script with `fetch`; the token then goes
   * in the `X-CSRF-Token` header — read it from `csrfField`'s input).
   */
  body?: { kind: 'form' } | { kind: 'raw'; maxBytes: number };
  render(ctx: PageContext): PageResult | Promise<PageResult>;
}

/**
 * Thrown by a page for something that does not exist *for this viewer* (another unit's project,
 * a bad id): the answer is the same 404 page as for a path that does not exist, so it reveals nothing.
 */
export class WebNotFound extends Error {
  constructor() {
    super('not found');
  }
}

export function redirect(to: string): WebRedirect {
  return { kind: 'redirect', to };
}

export function file(bytes: Buffer, type: string, filename?: string): WebFile {
  return { kind: 'file', bytes, type, filename };
}
