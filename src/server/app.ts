import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import express, { type Router } from 'express';
import type { Store } from '../../storage/store.ts';
import { jsonLogger, type Logger } from '../core/logger.ts';
import { answerFailure, type CallbackRoute, callbackTable, serveCallback } from './callback-exchange.ts';
import { jsonErrors, jsonNotFound } from './json-errors.ts';
import { RefusalGate } from './refusal-gate.ts';
import { sourceAddress } from './source-address.ts';

/** The public HTTP app: a request listener, and a way to serve it on a port of its own (tests, bench). */
export type HttpApp = ((req: IncomingMessage, res: ServerResponse) => void) & {
  listen(port: number, host?: string): Server;
};

/**
 * The public HTTP app. Every request meets the refusal gate first; the platforms' callbacks are
 * then answered on Node's own http (src/server/callback-exchange.ts), everything else — pictures,
 * downloads, the web pages, /healthz — by Express.
 */
export function createApp(deps: {
  store: Store;
  /** Every ledger of a many-district deployment by id, for /healthz (absent: the one store). */
  ledgers?: ReadonlyMap<string, Store>;
  /** Each enabled platform's callback routes. */
  callbacks?: readonly CallbackRoute[];
  routers?: Router[];
  logger?: Logger;
  /** Express's `trust proxy` (SAIMA_TRUST_PROXY); unset, the peer address is the source. */
  trustProxy?: string | number | null;
  refusalsPerMinute?: number;
  now?: () => number;
}): HttpApp {
  const logger = deps.logger ?? jsonLogger();
  const app = express();
  app.disable('x-powered-by');
  const trustProxy = deps.trustProxy ?? null;
  if (trustProxy !== null) app.set('trust proxy', trustProxy);
  const gate = new RefusalGate({
    logger,
    sourceOf: sourceAddress(trustProxy),
    limitLoopback: trustProxy !== null,
    limit: deps.refusalsPerMinute,
    now: deps.now,
  });
  for (const router of deps.routers ?? []) app.use(router);
  app.get('/healthz', (_req, res) => {
    const ledgers = deps.ledgers
      ? Object.fromEntries([...deps.ledgers].map(([id, store]) => [id, store.seq]))
      : undefined;
    res.json({ ok: true, seq: deps.store.seq, ledgers });
  });
  app.use(jsonNotFound(logger));
  app.use(jsonErrors(logger));
  const callbacks = callbackTable(deps.callbacks ?? []);
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = targetPath(req.url ?? '');
    try {
      const callback = callbacks.get(`${req.method} ${path}`);
      if (!gate.admit(req, res, callback !== undefined)) return;
      if (callback) serveCallback(callback, req, res, path, logger);
      else app(req, res);
    } catch (e) {
      // outside Express's own catching now: a throw here would otherwise end the process
      answerFailure(req, res, path, logger, e);
    }
  };
  return Object.assign(handle, {
    listen: (port: number, host?: string) => createServer(handle).listen(port, host),
  });
}

/**
 * The path of a request target: origin-form's (`/webhook/wecom?…`), or absolute-form's after its
 * scheme and authority (`http://host/webhook/wecom?…`), which a server must accept (RFC 9112
 * 3.2.2) and Express routed by its path before callbacks left it.
 */
export function targetPath(url: string): string {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  if (path.startsWith('/')) return path;
  const absolute = /^https?:\/\/[^/]*(\/.*)?$/i.exec(path);
  return absolute ? (absolute[1] ?? '/') : path;
}
