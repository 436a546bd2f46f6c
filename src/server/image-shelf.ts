import { randomBytes } from 'node:crypto';
import express, { type Router } from 'express';

/**
 * Pictures the bot serves itself, for platforms whose robots cannot upload images (DingTalk): each
 * under an unguessable path that stops working after its time. In memory: a restart forgets them.
 */
export class ImageShelf {
  private readonly images = new Map<string, { png: Buffer; expiresAt: number }>();

  constructor(
    private readonly publicUrl: string | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** The URL under which the picture can be fetched until `ttlMs` has passed, or null when no public URL is set. */
  /** Whether pictures can be served at all: they need SAIMA_PUBLIC_URL. */
  get serves(): boolean {
    return this.publicUrl !== null;
  }

  put(png: Buffer, ttlMs = 7 * 24 * 3600_000): string | null {
    if (!this.publicUrl) return null;
    for (const [token, image] of this.images) if (image.expiresAt <= this.now()) this.images.delete(token);
    const token = randomBytes(24).toString('base64url');
    this.images.set(token, { png, expiresAt: this.now() + ttlMs });
    return `${this.publicUrl}/images/${token}.png`;
  }

  router(): Router {
    const router = express.Router();
    router.get('/images/:file', (req, res) => {
      const token = String(req.params.file).replace(/\.png$/, '');
      const image = this.images.get(token);
      if (!image || image.expiresAt <= this.now()) {
        res.status(404).end();
        return;
      }
      res.status(200).type('image/png').set('Cache-Control', 'private, max-age=3600').send(image.png);
    });
    return router;
  }
}
