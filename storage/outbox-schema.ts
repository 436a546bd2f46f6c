import { z } from 'zod';
import { timestamp } from './schema-fields.ts';

// What the bot is to send: push runs and the outbox of messages and replies.

export const PUSH_KINDS = ['halfMonth', 'monthly', 'quarterly', 'annual', 'deadlines', 'reminder'] as const;

/** One firing of a scheduled (or manual) push; its id makes a slot fire at most once. */
export const pushRunSchema = z.object({
  id: z.string(),
  kind: z.enum(PUSH_KINDS),
  /** The Shanghai time the run was due (after any workday shift), or when it was asked for. */
  slot: timestamp,
  trigger: z.enum(['schedule', 'catch-up', 'manual']),
  late: z.boolean(),
  createdAt: timestamp,
  deliveries: z.number().int().nonnegative(),
  /**
   * True while the run's messages are still being written, a few groups per change: a run found so
   * after a restart is finished by writing the groups it has no messages for yet.
   */
  writing: z.boolean().default(false),
});

/**
 * What only a reply to a member carries: the conversation's own answer address while it is valid,
 * whether the group may take it after that, and the confirmations it can be merged into.
 */
export const replyRouteSchema = z.object({
  /** DingTalk sessionWebhook or WeCom response_url; cleared once it expires or the item settles. */
  url: z.string().nullable(),
  /** `url` is never used at or after this moment. */
  urlExpiresAt: timestamp.nullable(),
  /** False for a single chat: once `url` has expired there is nowhere left to answer. */
  groupFallback: z.boolean(),
  /** One line per stored change this reply confirms (with the sender's name); empty for other answers. */
  confirmations: z.array(z.string()),
});

/** One message part for one group, written before anything is sent and marked as it goes. */
export const outboxItemSchema = z.object({
  id: z.string(),
  runId: z.string(),
  platform: z.string(),
  chatId: z.string(),
  /** Order within the destination; parts go out in this order. */
  order: z.number().int().nonnegative(),
  title: z.string(),
  /** Markdown for the platform, or for an image, the path of the PNG in the data directory. */
  body: z.string(),
  image: z.boolean(),
  /** `sending` is written just before the platform is called; one found at start-up was interrupted (`unknown`). */
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'unknown']),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  createdAt: timestamp,
  sentAt: timestamp.nullable(),
  /** Null for a scheduled push; a reply goes ahead of the pushes queued for the same chat. */
  reply: replyRouteSchema.nullable().default(null),
  /** Members to @-mention, by platform account (DingTalk staff id), where the channel can @. */
  atUserIds: z.array(z.string()).optional(),
});

export type PushRun = z.infer<typeof pushRunSchema>;
export type OutboxItem = z.infer<typeof outboxItemSchema>;
export type ReplyRoute = z.infer<typeof replyRouteSchema>;
export type PushKind = (typeof PUSH_KINDS)[number];
