import { z } from 'zod';
import { pendingSchema } from './conversation-schema.ts';
import { outboxItemSchema, pushRunSchema } from './outbox-schema.ts';
import { projectSchema } from './project-schema.ts';
import { localDate, timestamp } from './schema-fields.ts';
import { webSessionSchema } from './web-session-schema.ts';

export * from './conversation-schema.ts';
export * from './outbox-schema.ts';
export * from './project-schema.ts';
export * from './web-session-schema.ts';

/** Bumped whenever the document's shape changes; `migrations.ts` carries older files forward. */
export const SCHEMA_VERSION = 7;

export const ROLES = ['member', 'leader', 'admin'] as const;
export const MEMBER_STATUSES = ['inactive', 'removed'] as const;
export const UNIT_TYPES = ['部门', '镇街', '园区', '驻外招商组', '其他'] as const;
export const INDICATORS = [
  'contractCount',
  'contractAmount',
  'startedCount',
  'fundsInPlace',
  'leaderTrips',
  'enterprisesMet',
  'startRate',
] as const;

export const unitSchema = z.object({
  id: z.string(),
  name: z.string().min(1),
  type: z.enum(UNIT_TYPES),
  createdAt: timestamp,
});

export const memberSchema = z.object({
  id: z.string(),
  name: z.string().min(1),
  account: z.string().min(1),
  unitId: z.string().nullable(),
  role: z.enum(ROLES),
  createdAt: timestamp,
  /** Absent while active. 停用: the bot no longer knows them; 删除: off the roster. Their history stays. */
  status: z.enum(MEMBER_STATUSES).optional(),
  statusAt: timestamp.optional(),
  statusBy: z.string().optional(),
  /** The day they last answered 本期无进展: it counts as a report on that day (src/push/report-period.ts). */
  noProgressOn: localDate.optional(),
});

export const tripSchema = z.object({
  id: z.string(),
  destination: z.string().min(1),
  leaderName: z.string().nullable(),
  /** True when the leader is a district leader (领导 role): only those count as 区领导带队. */
  ledByDistrictLeader: z.boolean(),
  enterprises: z.array(z.string()),
  date: localDate,
  unitId: z.string().nullable(),
  by: z.string(),
  at: timestamp,
});

export const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('district') }),
  z.object({ kind: z.literal('unit'), unitId: z.string() }),
  z.object({ kind: z.literal('chain'), chain: z.string() }),
  z.object({ kind: z.literal('leader'), leaderName: z.string() }),
]);

export const targetSchema = z.object({
  id: z.string(),
  scope: scopeSchema,
  year: z.number().int(),
  tier: z.string().min(1),
  indicator: z.enum(INDICATORS),
  value: z.number().finite().nonnegative(),
  by: z.string(),
  at: timestamp,
});

export const challengeSchema = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  title: z.string().min(1),
  postedAt: timestamp,
  postedBy: z.string(),
  claims: z.array(z.object({ claimant: z.string(), unitId: z.string().nullable(), at: timestamp })),
});

export const honourSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  kind: z.enum(['unit', 'person']),
  name: z.string().min(1),
  reason: z.string(),
  by: z.string(),
  at: timestamp,
});

export const bindingSchema = z.object({
  id: z.string(),
  platform: z.string(),
  chatId: z.string(),
  scope: scopeSchema,
  by: z.string(),
  at: timestamp,
});

export const handledMessageSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: timestamp,
  summary: z.string(),
});

const putSchema = z.object({ c: z.string(), id: z.string(), v: z.unknown() });
const opSchema = z.object({
  c: z.string(),
  id: z.string(),
  new: z.unknown().optional(),
  del: z.literal(true).optional(),
  set: z.record(z.string(), z.unknown()).optional(),
  unset: z.array(z.string()).optional(),
  push: z.record(z.string(), z.array(z.unknown())).optional(),
  was: z.unknown().optional(),
});

export const changeSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: timestamp,
  actor: z.string(),
  command: z.string(),
  summary: z.string(),
  /** What the change did to the bureau's records (storage/ops.ts), with what they held before. */
  ops: z.array(opSchema),
  undoneBy: z.number().int().nullable(),
});

export const counterSchema = z.object({ id: z.string(), value: z.number().int().nonnegative() });

/** One setting of the horse race (bands, weights, …); the value's shape is checked by `src/race/settings.ts`. */
export const settingSchema = z.object({ id: z.string(), value: z.unknown(), by: z.string(), at: timestamp });

/** An industrial-chain task force: "链长挂帅、部门牵头、多方协同". */
export const chainSchema = z.object({
  id: z.string(),
  name: z.string().min(1),
  headName: z.string().nullable(),
  leadUnitId: z.string().nullable(),
  memberUnitIds: z.array(z.string()),
  by: z.string(),
  at: timestamp,
});

/** Collections that hold the bureau's data; each is a map by id. */
export const collectionSchemas = {
  units: unitSchema,
  members: memberSchema,
  projects: projectSchema,
  trips: tripSchema,
  targets: targetSchema,
  challenges: challengeSchema,
  honours: honourSchema,
  bindings: bindingSchema,
  settings: settingSchema,
  chains: chainSchema,
  pushRuns: pushRunSchema,
  outbox: outboxItemSchema,
  counters: counterSchema,
  messages: handledMessageSchema,
  changes: changeSchema,
  conversations: pendingSchema,
  webSessions: webSessionSchema,
} as const;

export type CollectionName = keyof typeof collectionSchemas;
export const COLLECTIONS = Object.keys(collectionSchemas) as CollectionName[];
/** What people changed and `撤销` may restore; the rest is bookkeeping. */
export const DATA_COLLECTIONS: CollectionName[] = [
  'units',
  'members',
  'projects',
  'trips',
  'targets',
  'challenges',
  'honours',
  'bindings',
  'settings',
  'chains',
];

export const documentSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  seq: z.number().int().nonnegative(),
  ...Object.fromEntries(COLLECTIONS.map((c) => [c, z.record(z.string(), collectionSchemas[c])])),
} as {
  schemaVersion: z.ZodLiteral<7>;
  seq: z.ZodNumber;
} & { [K in CollectionName]: z.ZodRecord<z.ZodString, (typeof collectionSchemas)[K]> });

export type Unit = z.infer<typeof unitSchema>;
export type Member = z.infer<typeof memberSchema>;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export type Trip = z.infer<typeof tripSchema>;
export type Scope = z.infer<typeof scopeSchema>;
export type Target = z.infer<typeof targetSchema>;
export type Challenge = z.infer<typeof challengeSchema>;
export type Honour = z.infer<typeof honourSchema>;
export type Binding = z.infer<typeof bindingSchema>;
export type Change = z.infer<typeof changeSchema>;
export type Setting = z.infer<typeof settingSchema>;
export type Chain = z.infer<typeof chainSchema>;
export type HandledMessage = z.infer<typeof handledMessageSchema>;
export type Role = (typeof ROLES)[number];
export type UnitType = (typeof UNIT_TYPES)[number];
export type Indicator = (typeof INDICATORS)[number];
export type Put = z.infer<typeof putSchema>;
export type StoreDocument = z.infer<typeof documentSchema>;

export function emptyDocument(): StoreDocument {
  const doc = { schemaVersion: SCHEMA_VERSION, seq: 0 } as Record<string, unknown>;
  for (const c of COLLECTIONS) doc[c] = {};
  return doc as StoreDocument;
}
