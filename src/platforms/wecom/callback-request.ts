import type { Logger } from '../../core/logger.ts';
import type { CallbackExchange } from '../../server/callback-exchange.ts';
import { openEnvelope, WecomCryptoError } from './crypto.ts';

export interface Query {
  msgSignature: string;
  timestamp: string;
  nonce: string;
}

export function queryOf(exchange: CallbackExchange): Query | null {
  const msgSignature = exchange.query('msg_signature');
  const timestamp = exchange.query('timestamp');
  const nonce = exchange.query('nonce');
  if (!msgSignature || !timestamp || !nonce) return null;
  return { msgSignature, timestamp, nonce };
}

/** A signed timestamp (seconds) within the window of now; anything else may be a replay. */
export function timestampIsFresh(timestamp: string, now: Date, windowSeconds: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= windowSeconds;
}

/** Answers a refused callback with `status` and no body, and logs why in one line. */
export function refuseAs(exchange: CallbackExchange, logger: Logger, status: number, failure: string): void {
  logger.warn('wecom_refused', { path: exchange.path, failure });
  exchange.end(status);
}

/** Refuses a callback whose envelope did not open: 403 for a bad signature, else 400. */
export function refuse(exchange: CallbackExchange, logger: Logger, e: unknown): void {
  if (e instanceof WecomCryptoError)
    refuseAs(exchange, logger, e.failure === 'bad-signature' ? 403 : 400, e.failure);
  else refuseAs(exchange, logger, 400, 'malformed');
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
  exchange: CallbackExchange,
  envelope: { token: string; key: Buffer; receiveId: string; logger: Logger },
  sealed: { query: Query; encrypted: string },
  parse: (plain: string) => P,
  decode: (parsed: P) => M | null,
): { parsed: P; message: M } | null {
  let parsed: P;
  try {
    parsed = parse(openEnvelope(envelope, sealed.query, sealed.encrypted).message);
  } catch (e) {
    refuse(exchange, envelope.logger, e);
    return null;
  }
  const message = decode(parsed);
  if (!message) {
    exchange.end(200);
    return null;
  }
  return { parsed, message };
}
