import express, { type Express } from 'express';
import type { Store } from '../../storage/store.ts';

/** The public HTTP app; platform webhooks mount here. */
export function createApp(deps: { store: Store }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, seq: deps.store.seq });
  });
  return app;
}
