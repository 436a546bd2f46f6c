import express, { type Router } from 'express';
import type { Store } from '../../storage/store.ts';
import type { Clock } from '../time/clock.ts';
import { sessionSecret } from '../web/web-guard.ts';

/** One ledger's web pages, and the store that holds its sessions and login links. */
export interface TenantWeb {
  store: Store;
  router: Router;
}

const LOGIN = /^\/login\/([A-Za-z0-9_-]{20,100})$/;

/**
 * The web view of many districts under the same paths: a request is served by the ledger that
 * issued its session (or its 看板 link), and so sees that ledger's data alone. A request that no
 * ledger knows goes to the first, which answers it as it answers any stranger (the login page, a
 * link that is gone); the secrets are random, so no ledger can be reached by guessing another's.
 */
export function tenantWeb(tenants: ReadonlyArray<TenantWeb>, clock: Clock) {
  const fallback = tenants[0];
  if (!fallback) throw new Error('tenantWeb needs at least one ledger');
  if (tenants.length === 1) return fallback.router;
  const dispatch = express.Router();
  dispatch.use((req, res, next) => {
    const now = clock.now();
    const link = LOGIN.exec(req.path)?.[1];
    const secret = sessionSecret(req);
    const owner =
      (link && tenants.find((t) => t.store.webLoginLink(link, now))) ||
      (secret && tenants.find((t) => t.store.webSession(secret, now))) ||
      fallback;
    owner.router(req, res, next);
  });
  return dispatch;
}
