import { randomBytes } from 'node:crypto';
import express, { type Response, type Router } from 'express';
import { zh } from '../text/zh.ts';

/** A file made when it is downloaded: the bytes, the name the browser saves it under, its type. */
export interface Download {
  bytes: Buffer;
  filename: string;
  type: string;
}

/** Builds the file when the link is used; null when its holder may no longer have it (the link is then gone). */
type Maker = () => Promise<Download | null>;

interface Ticket {
  filename: string;
  make: Maker;
  expiresAt: number;
}

/**
 * Files the bot hands to one person (导出台账): each under an unguessable path that works once and
 * stops working after its time. Opening the link shows a page with a download button; only the
 * button's POST hands out the file and uses the link up, so a chat app fetching the link for a
 * preview cannot spend it. The file is made then, so an unused link costs nothing. In memory: a
 * restart forgets every link. Unknown, used and expired links get the same answer.
 */
export class DownloadShelf {
  private readonly tickets = new Map<string, Ticket>();

  constructor(
    private readonly publicUrl: string | null,
    private readonly now: () => number = Date.now,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  /** The link under which the file can be downloaded once within `ttlMs`, or null without SAIMA_PUBLIC_URL. */
  put(filename: string, make: Maker, ttlMs: number): string | null {
    if (!this.publicUrl) return null;
    for (const [token, t] of this.tickets) if (t.expiresAt <= this.now()) this.tickets.delete(token);
    const token = randomBytes(24).toString('base64url');
    this.tickets.set(token, { filename, make, expiresAt: this.now() + ttlMs });
    return `${this.publicUrl}/downloads/${token}`;
  }

  private valid(token: string): Ticket | null {
    const ticket = this.tickets.get(token);
    if (!ticket) return null;
    if (ticket.expiresAt > this.now()) return ticket;
    this.tickets.delete(token);
    return null;
  }

  router(): Router {
    const router = express.Router();
    const gone = (res: Response) => {
      res.status(404).type('html').set('Cache-Control', 'no-store').send(zh.downloadGone);
    };
    router.get('/downloads/:token', (req, res) => {
      const ticket = this.valid(String(req.params.token));
      if (!ticket) return gone(res);
      res
        .status(200)
        .type('html')
        .set('Cache-Control', 'no-store')
        .send(zh.downloadPage(escapeHtml(ticket.filename)));
    });
    router.post('/downloads/:token', async (req, res) => {
      const token = String(req.params.token);
      const ticket = this.valid(token);
      // taken off the shelf before anything is awaited: a second request, even a concurrent one, gets nothing
      this.tickets.delete(token);
      if (!ticket) return gone(res);
      let file: Download | null;
      try {
        file = await ticket.make();
      } catch (e) {
        this.onError(e);
        res.status(500).end();
        return;
      }
      if (!file) return gone(res);
      res
        .status(200)
        .type(file.type)
        .set('Cache-Control', 'private, no-store')
        .set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.bytes);
    });
    return router;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
