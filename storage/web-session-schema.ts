import { z } from 'zod';
import { timestamp } from './schema-fields.ts';

/**
 * A web login link (看板) waiting to be used, or a logged-in browser session. Only the SHA-256 of
 * the secret is kept (the id): the data directory, its backups and the journal never hold a
 * working link or cookie.
 */
export const webSessionSchema = z.object({
  /** base64url SHA-256 of the link's or cookie's random secret. */
  id: z.string().min(1),
  kind: z.enum(['link', 'session']),
  account: z.string().min(1),
  createdAt: timestamp,
  /** After this the record is refused, and the ledger's expiry drops it (storage/ledger.ts). */
  expiresAt: timestamp,
});

export type WebSession = z.infer<typeof webSessionSchema>;
