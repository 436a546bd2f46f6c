import { z } from 'zod';
import { timestamp } from './schema-fields.ts';

/** One answer the bot offered: a number, or one of its words, picks it. */
export const pendingOptionSchema = z.object({
  label: z.string(),
  /** Other words that pick it (「正式的」, 「框架」); the label and its number always do. */
  words: z.array(z.string()),
  /** The command this answer runs instead of the held one (which report was meant). */
  command: z.string().optional(),
  /** Arguments this answer sets on the held command (or all of them, with `command`). */
  set: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  /** A check of the ledger this answer confirms (「是再到位一笔」). */
  confirm: z.string().optional(),
  /** A whole message to read instead (a guessed command word, or which report was meant). */
  text: z.string().optional(),
});

/**
 * A question the bot asked one person in one chat, and what it keeps of their message until they
 * answer. Kept in the store so an answer still lands after a restart, or through `npm run chat`.
 */
export const pendingSchema = z.object({
  /** platform:chat:sender — only the same person in the same chat can answer. */
  id: z.string(),
  actor: z.string(),
  askedAt: timestamp,
  expiresAt: timestamp,
  /** The question as asked, to repeat it when the reply is not an answer. */
  question: z.string(),
  /** What was said so far, oldest first, for the journal's record of the change it ends in. */
  said: z.array(z.string()),
  /** The command being completed, with the arguments read so far; null when the options carry whole messages. */
  command: z.string().nullable(),
  /** The phrase that started the command, for commands whose triggers differ slightly in meaning. */
  trigger: z.string(),
  raw: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  /** Checks of the ledger the person already confirmed for this message. */
  confirmed: z.array(z.string()),
  /** The argument asked for, when a typed value (not only a numbered option) answers it. */
  field: z.string().nullable(),
  /** How that typed value is read: the field's own reader decides whether it fits. */
  free: z.enum(['amount', 'date', 'text']).nullable(),
  options: z.array(pendingOptionSchema),
  /** The platform message that led to this question: its redelivery is not an answer to it. */
  messageKey: z.string().nullable().optional(),
});

export type PendingOption = z.infer<typeof pendingOptionSchema>;
export type Pending = z.infer<typeof pendingSchema>;
