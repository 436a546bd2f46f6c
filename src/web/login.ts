import express, { type Response, type Router } from 'express';
import type { Store } from '../../storage/store.ts';
import { WEB_SESSION_HOURS } from '../../storage/web-sessions.ts';
import { actorFor } from '../core/actor.ts';
import { zh } from '../text/zh.ts';
import type { Clock } from '../time/clock.ts';
import { html } from './html.ts';
import { plainPage } from './layout.ts';
import { sameOrigin, sessionCookie } from './web-guard.ts';

const SECRET = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * `/login/<secret>` from the 看板 reply. Chat apps fetch every link they show (WeCom, DingTalk and
 * others build previews with a GET), so a GET must not use the link up: it only shows a page with
 * a button, and the button's same-origin POST uses the link and sets the session cookie. A
 * preview robot never submits the form; a cross-site POST is refused by its Origin.
 */
export function loginRouter(deps: {
  store: Store;
  clock: Clock;
  admins: ReadonlySet<string>;
  publicUrl: string | null;
  secure: boolean;
  accountElsewhere?: (account: string) => boolean;
}): Router {
  const router = express.Router();
  const gone = (res: Response) => {
    res
      .status(404)
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(plainPage(zh.webLinkGoneTitle, html`<p>${zh.webLinkGone}</p>`).text);
  };
  router.get('/login/:secret', (req, res) => {
    const secret = String(req.params.secret);
    const link = SECRET.test(secret) ? deps.store.webLoginLink(secret, deps.clock.now()) : null;
    const actor = link ? actorFor(deps.store, deps.admins, link.account, deps.accountElsewhere) : null;
    if (!actor) return gone(res);
    res
      .status(200)
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(
        plainPage(
          zh.webLoginTitle,
          html`<p>${zh.webLoginFor(actor.name)}</p>
<form method="post" action="/login/${secret}"><button type="submit" class="primary">${zh.webLoginButton}</button></form>
<p class="note">${zh.webLoginNote}</p>`,
        ).text,
      );
  });
  router.post('/login/:secret', (req, res) => {
    const secret = String(req.params.secret);
    if (!SECRET.test(secret) || !sameOrigin(req, deps.publicUrl)) return gone(res);
    const now = deps.clock.now();
    const link = deps.store.webLoginLink(secret, now);
    // a member 停用/删除 after asking for the link cannot use it
    if (!link || !actorFor(deps.store, deps.admins, link.account, deps.accountElsewhere)) return gone(res);
    const started = deps.store.startWebSession(
      { actor: link.account, command: 'web-login', at: now, messageKey: null, text: null },
      secret,
      WEB_SESSION_HOURS * 3600_000,
    );
    if (!started) return gone(res);
    res.set('Set-Cookie', sessionCookie(started.secret, WEB_SESSION_HOURS * 3600, deps.secure));
    res.redirect(303, '/web/race');
  });
  return router;
}
