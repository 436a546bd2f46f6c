import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../core/logger.ts';
import { bodyStillComing } from './read-body.ts';

/** body-parser's error types, as the short codes we answer with. */
const BY_TYPE: Record<string, string> = {
  'entity.parse.failed': 'malformed_body',
  'entity.verify.failed': 'malformed_body',
  'entity.too.large': 'body_too_large',
  'charset.unsupported': 'unsupported_charset',
  'encoding.unsupported': 'unsupported_encoding',
  'request.aborted': 'request_aborted',
  'request.size.invalid': 'bad_content_length',
};

const BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  413: 'body_too_large',
  415: 'unsupported_media_type',
};

/**
 * The last handler of every app we serve: whatever went wrong answers a short JSON `{error}` with
 * its status and writes one log line without a stack, so no page, stack or server path ever leaves
 * the process — whatever NODE_ENV says (Express's own handler would print both).
 */
export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = (err ?? {}) as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown };
    const given = Number(e.status ?? e.statusCode);
    const status = given >= 400 && given < 600 ? given : 500;
    const code =
      (typeof e.type === 'string' ? BY_TYPE[e.type] : undefined) ??
      BY_STATUS[status] ??
      (status >= 500 ? 'internal' : 'refused');
    const line = { status, code, method: req.method, path: req.path };
    if (status >= 500) logger.error('http_failed', { ...line, error: String(e.message ?? err) });
    else logger.warn('http_refused', line);
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    // the rest of a refused body may still be on its way: close instead of reading it
    if (status === 413 || status === 415 || bodyStillComing(req)) res.set('Connection', 'close');
    res.status(status).json({ error: code });
  };
}

/** Unknown paths get the same short JSON as every other refusal. */
export function jsonNotFound(logger: Logger): RequestHandler {
  return (req, res) => {
    logger.warn('http_refused', { status: 404, code: 'not_found', method: req.method, path: req.path });
    // a body nobody will read is not drained off the socket, however long it is
    if (bodyStillComing(req)) res.set('Connection', 'close');
    res.status(404).json({ error: 'not_found' });
  };
}
