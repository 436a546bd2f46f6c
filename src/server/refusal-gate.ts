import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.ts';
import { sendJson } from './send-json.ts';

/** Refused callbacks one source address may cause per minute before it is turned away unread. */
export const REFUSALS_PER_MINUTE = 30;
const WINDOW_MS = 60_000;
/** Past this many tracked addresses, ended windows are swept, then the oldest dropped. */
const TRACKED_LIMIT = 10_000;
/** What a callback that failed verification is answered with (bad query, sign, timestamp, body). */
const REFUSED = new Set([400, 401, 403, 413, 415]);

const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

/**
 * Counts, per source address, the callbacks that failed verification. Once an address reaches the
 * limit it gets 429 for the rest of its minute, on every path, before any body is read or
 * signature computed. Without a trusted proxy, a loopback peer is a local reverse proxy carrying
 * everyone's traffic and is never limited: turning it away would turn away the platforms too.
 */
export class RefusalGate {
  private readonly windows = new Map<string, { start: number; refused: number }>();
  private readonly now: () => number;
  private readonly limit: number;

  constructor(
    private readonly options: {
      logger: Logger;
      /** Where a request comes from (src/server/source-address.ts). */
      sourceOf: (req: IncomingMessage) => string;
      limitLoopback: boolean;
      limit?: number;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
    this.limit = options.limit ?? REFUSALS_PER_MINUTE;
  }

  /**
   * False when the request was turned away (answered 429 here). Else, for a callback, counts its
   * answer once it is sent if that is a refusal.
   */
  admit(req: IncomingMessage, res: ServerResponse, callback: boolean): boolean {
    const ip = this.options.sourceOf(req);
    // a client gone before its request is read has no address left: counting it would put every
    // such request in one shared bucket, and there is nobody left to answer anyway
    if (!ip) return true;
    if (!this.options.limitLoopback && isLoopback(ip)) return true;
    const w = this.windows.get(ip);
    if (w && this.now() - w.start < WINDOW_MS && w.refused >= this.limit) {
      res.setHeader('Connection', 'close');
      sendJson(res, 429, { error: 'too_many_refusals' });
      return false;
    }
    if (callback) {
      res.once('finish', () => {
        if (REFUSED.has(res.statusCode)) this.refused(ip, this.now());
      });
    }
    return true;
  }

  private refused(ip: string, at: number): void {
    let w = this.windows.get(ip);
    if (!w || at - w.start >= WINDOW_MS) {
      if (!w && this.windows.size >= TRACKED_LIMIT) this.sweep(at);
      w = { start: at, refused: 0 };
      this.windows.delete(ip);
      this.windows.set(ip, w);
    }
    w.refused++;
    if (w.refused === this.limit) {
      this.options.logger.warn('ingress_limited', {
        ip,
        refused: w.refused,
        forMs: WINDOW_MS - (at - w.start),
      });
    }
  }

  private sweep(at: number): void {
    for (const [ip, w] of this.windows) if (at - w.start >= WINDOW_MS) this.windows.delete(ip);
    const oldest = this.windows.keys().next();
    if (this.windows.size >= TRACKED_LIMIT && !oldest.done) this.windows.delete(oldest.value);
  }
}
