import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

export const SESSION_COOKIE = 'saima_session';

/** The session secret from the Cookie header (no cookie-parser: one cookie is all we read). */
export function sessionSecret(req: Request): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(at + 1).trim();
    return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
  }
  return null;
}

/**
 * The CSRF token of a session: derived from its secret, so nothing more is stored and a token
 * works only with its own cookie. A cross-site page can read neither (HttpOnly, same-origin policy).
 */
export function csrfToken(sessionSecret: string): string {
  return createHash('sha256').update(`csrf\u0000${sessionSecret}`).digest('base64url');
}

export function csrfMatches(sessionSecret: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const want = Buffer.from(csrfToken(sessionSecret));
  const got = Buffer.from(given);
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * Whether a state-changing request comes from our own pages: the browser's Origin (sent with every
 * POST by current browsers) must be the site's, and Sec-Fetch-Site, when sent, `same-origin`.
 * A request with neither header is refused: a browser always sends one, and a script that sends
 * none has no cookie of ours anyway.
 */
export function sameOrigin(req: Request, publicUrl: string | null): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.get('origin');
  if (origin === undefined) return site === 'same-origin';
  const own = new Set([`${req.protocol}://${req.get('host') ?? ''}`]);
  if (publicUrl) own.add(new URL(publicUrl).origin);
  return own.has(origin);
}

/** Session cookie attributes: never readable by script, never sent cross-site, https-only behind https. */
export function sessionCookie(secret: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${secret}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Only our own files, no inline script or style, no framing, forms only to ourselves. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
