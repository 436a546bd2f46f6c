import type { Request, RequestHandler } from 'express';
import type { Logger } from '../core/logger.ts';

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
 * limit it gets 429 for the rest of its minute, before any body is read or signature computed.
 * Without a trusted proxy, a loopback peer is a local reverse proxy carrying everyone's traffic and
 * is never limited: turning it away would turn away the platforms too.
 */
export class RefusalGate {
  private readonly windows = new Map<string, { start: number; refused: number }>();

  constructor(
    private readonly options: {
      logger: Logger;
      limitLoopback: boolean;
      limit?: number;
      now?: () => number;
    },
  ) {}

  middleware(): RequestHandler {
    const now = this.options.now ?? Date.now;
    const limit = this.options.limit ?? REFUSALS_PER_MINUTE;
    // without a trusted proxy (limitLoopback off) the source is the TCP peer, which is all `req.ip`
    // would return then, after parsing X-Forwarded-For on every request for nothing
    const sourceOf = this.options.limitLoopback
      ? (req: Request) => req.ip ?? req.socket.remoteAddress ?? ''
      : (req: Request) => req.socket.remoteAddress ?? '';
    return (req, res, next) => {
      const ip = sourceOf(req);
      if (!this.options.limitLoopback && isLoopback(ip)) {
        next();
        return;
      }
      const w = this.windows.get(ip);
      if (w && now() - w.start < WINDOW_MS && w.refused >= limit) {
        res.set('Connection', 'close').status(429).json({ error: 'too_many_refusals' });
        return;
      }
      if (req.path.startsWith('/webhook/')) {
        res.once('finish', () => {
          if (REFUSED.has(res.statusCode)) this.refused(ip, now(), limit);
        });
      }
      next();
    };
  }

  private refused(ip: string, at: number, limit: number): void {
    let w = this.windows.get(ip);
    if (!w || at - w.start >= WINDOW_MS) {
      if (!w && this.windows.size >= TRACKED_LIMIT) this.sweep(at);
      w = { start: at, refused: 0 };
      this.windows.delete(ip);
      this.windows.set(ip, w);
    }
    w.refused++;
    if (w.refused === limit) {
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
