import express, { type Express, type Router } from 'express';
import type { Store } from '../../storage/store.ts';

/** The public HTTP app; each enabled platform mounts its callback router here. */
export function createApp(deps: { store: Store; routers?: Router[] }): Express {
  const app = express();
  app.disable('x-powered-by');
  for (const router of deps.routers ?? []) app.use(router);
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, seq: deps.store.seq });
  });
  return app;
}
