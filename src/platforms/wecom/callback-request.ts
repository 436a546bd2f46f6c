import type { Request, Response } from 'express';
import type { Logger } from '../../core/logger.ts';
import { openEnvelope, WecomCryptoError } from './crypto.ts';

export interface Query {
  msgSignature: string;
  timestamp: string;
  nonce: string;
}

/** Express 5 parses `req.query` again on every read; a callback reads its query twice (before and after the body). */
const queries = new WeakMap<Request, Query | null>();

export function queryOf(req: Request): Query | null {
  const known = queries.get(req);
  if (known !== undefined) return known;
  const query = readQuery(req);
  queries.set(req, query);
  return query;
}

function readQuery(req: Request): Query | null {
  const q = req.query as Record<string, unknown>;
  const pick = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : null);
  const msgSignature = pick('msg_signature');
  const timestamp = pick('timestamp');
  const nonce = pick('nonce');
  if (!msgSignature || !timestamp || !nonce) return null;
  return { msgSignature, timestamp, nonce };
}

/** A signed timestamp (seconds) within the window of now; anything else may be a replay. */
export function timestampIsFresh(timestamp: string, now: Date, windowSeconds: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= windowSeconds;
}

export function refuse(res: Response, logger: Logger, path: string, e: unknown): void {
  if (e instanceof WecomCryptoError) {
    logger.warn('wecom_refused', { path, failure: e.failure });
    res.status(e.failure === 'bad-signature' ? 403 : 400).end();
    return;
  }
  logger.warn('wecom_refused', { path, failure: 'malformed' });
  res.status(400).end();
}

/**
 * What `work` comes to, or 'late' once `ms` have passed. The timer goes as soon as the work is done:
 * left to run out, every answered callback kept a timer, its promise and closures alive for seconds.
 */
export function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | 'late'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('late'), ms).unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/**
 * Decrypts a callback's `encrypted` field (signature checked first) and decodes it. Answers the
 * request itself and returns null when there is nothing to run: a refusal, or 200 for an event
 * that is no message.
 */
export function openCallback<P, M>(
  req: Request,
  res: Response,
  envelope: { token: string; key: Buffer; receiveId: string; logger: Logger },
  sealed: { query: Query; encrypted: string },
  parse: (plain: string) => P,
  decode: (parsed: P) => M | null,
): { parsed: P; message: M } | null {
  let parsed: P;
  try {
    parsed = parse(openEnvelope(envelope, sealed.query, sealed.encrypted).message);
  } catch (e) {
    refuse(res, envelope.logger, req.path, e);
    return null;
  }
  const message = decode(parsed);
  if (!message) {
    res.status(200).end();
    return null;
  }
  return { parsed, message };
}
