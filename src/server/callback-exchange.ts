import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '../core/logger.ts';
import { bodyStillComing, readBody } from './read-body.ts';
import { sendJson } from './send-json.ts';

/**
 * WeCom and DingTalk callbacks are a few KB (an encrypted message, or one robot message's JSON); a
 * larger body is refused with 413 before more of it is buffered (src/server/read-body.ts).
 */
export const CALLBACK_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * One platform callback request and its answer, as a receiver sees them. Callbacks are served on
 * Node's own http, not through Express: Express's router and the request and response it
 * re-prototypes cost a bare request about three times what Node's http does (measured in
 * `npm run bench`), and a callback needs none of it.
 */
export interface CallbackExchange {
  readonly path: string;
  /** A query parameter given exactly once; null when missing or repeated. */
  query(name: string): string | null;
  /** A request header; null when missing. */
  header(name: string): string | null;
  /**
   * The body as text, up to the callback limit; null when it was refused, already answered (413
   * too large, 415 compressed or not UTF-8) and logged.
   */
  body(): Promise<string | null>;
  /** Answers with a status and no body. */
  end(status: number): void;
  text(status: number, type: string, body: string): void;
  json(status: number, value: unknown): void;
}

/** A callback path and what answers it (Bolt's Receiver routes, without a framework under them). */
export interface CallbackRoute {
  method: 'GET' | 'POST';
  path: string;
  handle(exchange: CallbackExchange): void | Promise<void>;
}

class NodeExchange implements CallbackExchange {
  /** Parsed once: a WeCom callback reads its query before the body and again after. */
  private parsedQuery: ReturnType<typeof parseQuery> | null = null;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    readonly path: string,
    private readonly logger: Logger,
  ) {}

  query(name: string): string | null {
    if (!this.parsedQuery) {
      const url = this.req.url ?? '';
      const at = url.indexOf('?');
      // the same parser as Express's default ('simple'): a repeated name comes back as an array
      this.parsedQuery = parseQuery(at < 0 ? '' : url.slice(at + 1));
    }
    const value = this.parsedQuery[name];
    return typeof value === 'string' ? value : null;
  }

  header(name: string): string | null {
    const value = this.req.headers[name.toLowerCase()];
    return typeof value === 'string' ? value : null;
  }

  async body(): Promise<string | null> {
    const read = await readBody(this.req, CALLBACK_BODY_LIMIT_BYTES);
    if (read.ok) return read.text;
    this.logger.warn('http_refused', {
      status: read.status,
      code: read.code,
      method: this.req.method,
      path: this.path,
    });
    if (this.res.headersSent || this.res.destroyed) return null;
    this.json(read.status, { error: read.code });
    return null;
  }

  /**
   * Answered while a declared body is still coming (refused on its headers or query alone, or past
   * the limit), the connection is closed: kept alive, Node would read and drop all the rest,
   * however large or endless. A body read whole leaves the connection open.
   */
  private closeIfBodyComing(): void {
    if (bodyStillComing(this.req)) this.res.setHeader('Connection', 'close');
  }

  end(status: number): void {
    this.closeIfBodyComing();
    // with its length said, an empty answer is not sent chunked
    this.res.writeHead(status, { 'Content-Length': 0 });
    this.res.end();
  }

  text(status: number, type: string, body: string): void {
    this.closeIfBodyComing();
    this.res.writeHead(status, {
      'Content-Type': `${type}; charset=utf-8`,
      'Content-Length': Buffer.byteLength(body, 'utf8'),
    });
    this.res.end(body, 'utf8');
  }

  json(status: number, value: unknown): void {
    this.closeIfBodyComing();
    sendJson(this.res, status, value);
  }
}

/**
 * Runs one callback. Whatever it throws or rejects with answers 500 `{"error":"internal"}` and one
 * log line without a stack, as every other path of the app does (src/server/json-errors.ts).
 */
export function serveCallback(
  route: CallbackRoute,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  logger: Logger,
): void {
  const failed = (e: unknown) => answerFailure(req, res, path, logger, e);
  try {
    const running = route.handle(new NodeExchange(req, res, path, logger));
    if (running) running.catch(failed);
  } catch (e) {
    failed(e);
  }
}

/** 500 `{"error":"internal"}` and one log line without a stack; a connection whose answer began is cut. */
export function answerFailure(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  logger: Logger,
  e: unknown,
): void {
  const error = e instanceof Error ? e.message : String(e);
  logger.error('http_failed', { status: 500, code: 'internal', method: req.method, path, error });
  if (res.headersSent) req.socket.destroy();
  else sendJson(res, 500, { error: 'internal' });
}

/** The routes by method and exact path, as the front of the app looks them up per request. */
export function callbackTable(routes: readonly CallbackRoute[]): Map<string, CallbackRoute> {
  const table = new Map<string, CallbackRoute>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (table.has(key)) throw new Error(`two callbacks for ${key}`);
    table.set(key, route);
  }
  return table;
}
