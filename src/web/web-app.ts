import express, { type Request, type Response, type Router } from 'express';
import type { Store } from '../../storage/store.ts';
import { actorFor } from '../core/actor.ts';
import type { Access } from '../core/command.ts';
import type { Logger } from '../core/logger.ts';
import { atLeast } from '../domain/roles.ts';
import { visibleTo } from '../domain/visibility.ts';
import { zh } from '../text/zh.ts';
import type { Clock } from '../time/clock.ts';
import { assetRouter } from './assets.ts';
import { Html, html } from './html.ts';
import { plainPage } from './layout.ts';
import { loginRouter } from './login.ts';
import { type PageContext, type PageResult, WebNotFound, type WebPage } from './page.ts';
import { exportPage, type LedgerFileMaker } from './pages/export.ts';
import { importPages, type WebImporter } from './pages/import.ts';
import { pages as allPages } from './pages/index.ts';
import type { WebViewer } from './viewer.ts';
import {
  CONTENT_SECURITY_POLICY,
  csrfMatches,
  csrfToken,
  SESSION_COOKIE,
  sameOrigin,
  sessionSecret,
} from './web-guard.ts';

export interface WebDeps {
  store: Store;
  clock: Clock;
  /** SAIMA_ADMINS: admins whether or not they were added as members, as in chat. */
  admins: ReadonlySet<string>;
  publicUrl: string | null;
  logger: Logger;
  /** The pages to mount (default: src/web/pages/index.ts). */
  pages?: ReadonlyArray<WebPage>;
  /** The Excel export (src/ledger-export.ts); given, 导出台账 is mounted at /web/export. */
  exportLedger?: LedgerFileMaker | null;
  /** The ledger import (src/workbook/import/run-ledger-import.ts); given, 导入 is mounted at /web/import for admins. */
  importLedger?: WebImporter | null;
  /** An account another district of the deployment holds: a stranger here (src/core/actor.ts). */
  accountElsewhere?: (account: string) => boolean;
}

/** Where a request without a valid session is sent: a page that says to send 看板 in chat. */
export const LOGIN_NEEDED = '/web/login-needed';
const FORM_LIMIT = '64kb';

/**
 * The web view: static assets, the login link, and every page behind the session check. A request
 * without a live session, or whose member was 停用/删除, sees no page and no data.
 */
export function webRouter(deps: WebDeps): Router {
  const router = express.Router();
  const secure = deps.publicUrl?.startsWith('https://') ?? false;
  router.use(['/web', '/login'], (_req, res, next) => {
    res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.set('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer the browser sends `Origin: null` on our own POSTs
    res.set('Referrer-Policy', 'same-origin');
    res.set('X-Frame-Options', 'DENY');
    next();
  });
  router.use(assetRouter());
  router.use(loginRouter({ ...deps, secure }));
  router.get('/', (_req, res) => {
    res.redirect(303, '/web/race');
  });
  router.get(LOGIN_NEEDED, (_req, res) => {
    sendHtml(res, 401, plainPage(zh.webLoginNeededTitle, html`<p>${zh.webLoginNeeded}</p>`));
  });

  const viewerOf = (req: Request, res: Response): { viewer: WebViewer; secret: string } | null => {
    const secret = sessionSecret(req);
    const now = deps.clock.now();
    const session = secret ? deps.store.webSession(secret, now) : null;
    const actor = session ? actorFor(deps.store, deps.admins, session.account, deps.accountElsewhere) : null;
    if (!secret || !session || !actor) {
      // a member 停用/删除 since logging in: the session ends now, not in 8 hours
      if (secret && session)
        deps.store.endWebSession(meta('web-session-refused', session.account, now), secret);
      res.redirect(303, LOGIN_NEEDED);
      return null;
    }
    return {
      viewer: { account: actor.account, name: actor.name, role: actor.role, unitId: actor.unitId },
      secret,
    };
  };

  router.post('/web/logout', express.urlencoded({ extended: false, limit: FORM_LIMIT }), (req, res) => {
    const found = viewerOf(req, res);
    if (!found) return;
    if (!sameOrigin(req, deps.publicUrl) || !csrfMatches(found.secret, formOf(req).csrf)) return refused(res);
    deps.store.endWebSession(meta('web-logout', found.viewer.account, deps.clock.now()), found.secret);
    res.set(
      'Set-Cookie',
      `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`,
    );
    sendHtml(res, 200, plainPage(zh.webLogout, html`<p>${zh.webLoggedOut}</p>`));
  });

  const mounted = [
    ...(deps.pages ?? allPages),
    ...(deps.exportLedger ? [exportPage(deps.exportLedger)] : []),
    ...(deps.importLedger ? importPages(deps.importLedger) : []),
  ];
  const paths = new Set(mounted.map((p) => p.path));
  for (const page of mounted) {
    const method = page.method ?? 'GET';
    const parse =
      method === 'GET'
        ? []
        : page.body?.kind === 'raw'
          ? [express.raw({ type: () => true, limit: page.body.maxBytes })]
          : [express.urlencoded({ extended: false, limit: FORM_LIMIT })];
    const handler = async (req: Request, res: Response) => {
      const found = viewerOf(req, res);
      if (!found) return;
      const { viewer, secret } = found;
      if (!atLeast(viewer.role, page.access ?? 'member')) return notFound(res, viewer);
      const form = method === 'POST' && page.body?.kind !== 'raw' ? formOf(req) : {};
      if (method === 'POST') {
        const token = page.body?.kind === 'raw' ? req.get('x-csrf-token') : form.csrf;
        if (!sameOrigin(req, deps.publicUrl) || !csrfMatches(secret, token)) return refused(res);
      }
      const ctx: PageContext = {
        store: deps.store,
        viewer,
        now: deps.clock.now(),
        csrf: csrfToken(secret),
        query: queryOf(req),
        params: Object.fromEntries(Object.entries(req.params).map(([k, v]) => [k, String(v)])),
        form,
        raw: page.body?.kind === 'raw' && Buffer.isBuffer(req.body) ? req.body : null,
        header: (name) => req.get(name),
        canRead: visibleTo(deps.store, viewer),
        publicUrl: deps.publicUrl,
        path: req.path,
        hasPage: (path) => paths.has(path),
      };
      let result: PageResult;
      try {
        result = await page.render(ctx);
      } catch (e) {
        if (e instanceof WebNotFound) return notFound(res, viewer);
        deps.logger.error('web_page_failed', {
          path: page.path,
          error: e instanceof Error ? (e.stack ?? e.message) : String(e),
        });
        return sendHtml(res, 500, plainPage(zh.webNotFoundTitle, html`<p>${zh.internalError}</p>`));
      }
      send(res, result);
    };
    // an upload (up to 20 MB) is read only for a viewer who may open the page: nobody else makes it buffer one
    const gate =
      page.body?.kind === 'raw'
        ? [
            (req: Request, res: Response, next: () => void) => {
              const found = viewerOf(req, res);
              if (!found) return;
              if (!atLeast(found.viewer.role, page.access ?? 'member')) return notFound(res, found.viewer);
              next();
            },
          ]
        : [];
    if (method === 'GET') router.get(page.path, handler);
    else router.post(page.path, ...gate, ...parse, handler);
  }

  // any other path under /web: without a session the same redirect as a real page, so a stranger
  // cannot tell which pages exist; with one, the same 404 as a project the viewer may not see
  router.use('/web', (req, res) => {
    const found = viewerOf(req, res);
    if (found) notFound(res, found.viewer);
  });
  return router;
}

function meta(command: string, actor: string, at: Date) {
  return { actor, command, at, messageKey: null, text: null };
}

function formOf(req: Request): Record<string, string> {
  const body = req.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return {};
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

function queryOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(req.originalUrl, 'http://x').searchParams) out[key] = value;
  return out;
}

function send(res: Response, result: PageResult): void {
  if (result instanceof Html) {
    sendHtml(res, 200, result);
    return;
  }
  if (result.kind === 'redirect') {
    res.redirect(303, result.to.startsWith('/') && !result.to.startsWith('//') ? result.to : '/web/race');
    return;
  }
  res.status(200).type(result.type).set('Cache-Control', 'private, no-store');
  if (result.filename) {
    res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(result.filename)}`);
  }
  res.send(result.bytes);
}

function sendHtml(res: Response, status: number, page: Html): void {
  res.status(status).type('html').set('Cache-Control', 'private, no-store').send(page.text);
}

function notFound(res: Response, _viewer: WebViewer): void {
  sendHtml(
    res,
    404,
    plainPage(
      zh.webNotFoundTitle,
      html`<p>${zh.webNotFound}</p><p><a href="/web/race">${zh.webBackToRace}</a></p>`,
    ),
  );
}

function refused(res: Response): void {
  sendHtml(res, 403, plainPage(zh.webNotFoundTitle, html`<p>${zh.webRefused}</p>`));
}

export type { Access };
