import { createHash, randomBytes } from 'node:crypto';
import { isoShanghai } from '../src/time/clock.ts';
import { Aggregate } from './aggregate.ts';
import type { ChangeMeta } from './ledger.ts';
import type { WebSession } from './schema.ts';

/** How long a 看板 login link works, and how long the browser session it opens lasts. */
export const WEB_LINK_MINUTES = 10;
export const WEB_SESSION_HOURS = 8;

/** The secret's id in the store: its SHA-256, so what is stored cannot be used as a link or cookie. */
export function webSecretId(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * 看板's login links and the browser sessions they open, kept in the store so a restart logs no
 * one out. Bookkeeping: journalled, never offered to `撤销`. Whether the account may still see
 * anything is judged on every request by the web view, not here.
 */
export class WebSessions extends Aggregate {
  /** A new one-time login link for the account; returns its secret (the only copy). */
  offerWebLogin(meta: ChangeMeta, account: string, ttlMs: number): string {
    const secret = newSecret();
    this.bookkeep(meta, (tx) => {
      tx.put('webSessions', {
        id: webSecretId(secret),
        kind: 'link',
        account,
        createdAt: isoShanghai(meta.at),
        expiresAt: isoShanghai(new Date(meta.at.getTime() + ttlMs)),
      });
      tx.summary = `web login link for ${account}`;
    });
    return secret;
  }

  /** The unused, unexpired login link with this secret, without using it up (the page before the button). */
  webLoginLink(secret: string, now: Date): WebSession | null {
    return this.live(secret, 'link', now);
  }

  /** The unexpired session of this cookie secret. */
  webSession(secret: string, now: Date): WebSession | null {
    return this.live(secret, 'session', now);
  }

  /**
   * Uses the link up and opens a session for its account, in one change: a link can open one
   * session only, even with two requests at once. Null when the link is unknown, used or expired.
   */
  startWebSession(
    meta: ChangeMeta,
    linkSecret: string,
    ttlMs: number,
  ): { secret: string; account: string } | null {
    const link = this.webLoginLink(linkSecret, meta.at);
    if (!link) return null;
    const secret = newSecret();
    this.bookkeep({ ...meta, actor: link.account }, (tx) => {
      tx.delete('webSessions', link.id);
      tx.put('webSessions', {
        id: webSecretId(secret),
        kind: 'session',
        account: link.account,
        createdAt: isoShanghai(meta.at),
        expiresAt: isoShanghai(new Date(meta.at.getTime() + ttlMs)),
      });
      tx.summary = `web session for ${link.account}`;
    });
    return { secret, account: link.account };
  }

  /** 退出, or a session whose member is no longer active. */
  endWebSession(meta: ChangeMeta, secret: string): void {
    const id = webSecretId(secret);
    if (!this.ledger.read((d) => d.webSessions[id])) return;
    this.bookkeep(meta, (tx) => {
      tx.delete('webSessions', id);
      tx.summary = 'web session ended';
    });
  }

  private live(secret: string, kind: WebSession['kind'], now: Date): WebSession | null {
    return this.copy((d) => {
      const found = d.webSessions[webSecretId(secret)];
      if (!found || found.kind !== kind || Date.parse(found.expiresAt) <= now.getTime()) return null;
      return found;
    });
  }
}
