import { randomBytes } from 'node:crypto';
import type { LedgerImportOutcome } from '../../../storage/ledger-import-input.ts';
import type { ReadLedger } from '../../workbook/import/read-ledger-workbook.ts';

/** How long a checked upload waits for 确认导入. */
export const UPLOAD_TTL_MS = 10 * 60 * 1000;

/** One upload as the dry run left it: the rows read (kept for the confirm), or why none could be read. */
export type CheckedUpload =
  | { kind: 'read'; read: ReadLedger; outcome: LedgerImportOutcome }
  | { kind: 'unreadable'; message: string };

interface Held {
  owner: string;
  upload: CheckedUpload;
  expires: number;
}

/**
 * Uploads between the dry run and 确认导入, in memory only (never in the data directory): each
 * under a random token and the session that sent it, so a token is useless in another session,
 * and taken out once, so it cannot be imported twice.
 */
export class PendingUploads {
  private readonly held = new Map<string, Held>();

  /** `owner` identifies the session (its CSRF token, derived from the session secret). */
  put(owner: string, upload: CheckedUpload, now: Date): string {
    this.sweep(now);
    // one upload per session: a new one replaces the last, so memory stays bounded by sessions
    for (const [token, h] of this.held) if (h.owner === owner) this.held.delete(token);
    const token = randomBytes(18).toString('base64url');
    this.held.set(token, { owner, upload, expires: now.getTime() + UPLOAD_TTL_MS });
    return token;
  }

  get(owner: string, token: string, now: Date): CheckedUpload | null {
    this.sweep(now);
    const h = this.held.get(token);
    return h && h.owner === owner ? h.upload : null;
  }

  take(owner: string, token: string, now: Date): CheckedUpload | null {
    const upload = this.get(owner, token, now);
    if (upload) this.held.delete(token);
    return upload;
  }

  private sweep(now: Date): void {
    for (const [token, h] of this.held) if (h.expires <= now.getTime()) this.held.delete(token);
  }
}
