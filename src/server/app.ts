import express, { type Express, type Router } from 'express';
import type { Store } from '../../storage/store.ts';
import { jsonLogger, type Logger } from '../core/logger.ts';
import { jsonErrors, jsonNotFound } from './json-errors.ts';
import { RefusalGate } from './refusal-gate.ts';

/** The public HTTP app; each enabled platform mounts its callback router here. */
export function createApp(deps: {
  store: Store;
  /** Every ledger of a many-district deployment by id, for /healthz (absent: the one store). */
  ledgers?: ReadonlyMap<string, Store>;
  routers?: Router[];
  logger?: Logger;
  /** Express's `trust proxy` (SAIMA_TRUST_PROXY); unset, the peer address is the source. */
  trustProxy?: string | number | null;
  refusalsPerMinute?: number;
  now?: () => number;
}): Express {
  const logger = deps.logger ?? jsonLogger();
  const app = express();
  app.disable('x-powered-by');
  const trustProxy = deps.trustProxy ?? null;
  if (trustProxy !== null) app.set('trust proxy', trustProxy);
  const gate = new RefusalGate({
    logger,
    limitLoopback: trustProxy !== null,
    limit: deps.refusalsPerMinute,
    now: deps.now,
  });
  app.use(gate.middleware());
  for (const router of deps.routers ?? []) app.use(router);
  app.get('/healthz', (_req, res) => {
    const ledgers = deps.ledgers
      ? Object.fromEntries([...deps.ledgers].map(([id, store]) => [id, store.seq]))
      : undefined;
    res.json({ ok: true, seq: deps.store.seq, ledgers });
  });
  app.use(jsonNotFound(logger));
  app.use(jsonErrors(logger));
  return app;
}
