import { z } from 'zod';

/** Bumped whenever the document's shape changes; `migrations.ts` carries older files forward. */
export const SCHEMA_VERSION = 4;

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const timestamp = z.string().min(10);
/** 万元, at most 4 decimals (one 元). */
const wan = z.number().finite().nonnegative();

export const ROLES = ['member', 'leader', 'admin'] as const;
export const STAGES = ['线索', '在谈', '签约', '开工', '投产', '终止'] as const;
export const CONTRACT_TYPES = ['正式合同', '框架协议', '意向协议'] as const;
export const START_TYPES = ['建安类', '设备购置类', '开业类'] as const;
export const PROBLEM_CATEGORIES = ['资金', '土地', '政策', '审批', '其他'] as const;
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

const noteSchema = z.object({ at: timestamp, date: localDate, text: z.string(), by: z.string() });
const problemSchema = z.object({
  at: timestamp,
  category: z.enum(PROBLEM_CATEGORIES),
  text: z.string(),
  by: z.string(),
  /** Set by 问题已解决: the card no longer shows it as 存在问题. */
  solved: z
    .object({ at: timestamp, date: localDate, by: z.string(), note: z.string().nullable() })
    .optional(),
});
const instalmentSchema = z.object({
  id: z.string(),
  at: timestamp,
  date: localDate,
  amountWan: wan,
  evidence: z.string().nullable(),
  by: z.string(),
});

export const projectSchema = z.object({
  id: z.string(),
  name: z.string().min(1),
  investor: z.string().nullable(),
  chain: z.string().nullable(),
  unitId: z.string(),
  leaderName: z.string().nullable(),
  ownerName: z.string().nullable(),
  investmentWan: wan.nullable(),
  major: z.boolean(),
  stage: z.enum(STAGES),
  stageHistory: z.array(z.object({ stage: z.enum(STAGES), date: localDate })),
  negotiationSince: localDate.nullable(),
  signing: z
    .object({
      type: z.enum(CONTRACT_TYPES),
      date: localDate,
      amountWan: wan,
      startDeadline: localDate,
    })
    .nullable(),
  start: z.object({ type: z.enum(START_TYPES), date: localDate }).nullable(),
  termination: z.object({ date: localDate, reason: z.string(), fromStage: z.enum(STAGES) }).nullable(),
  instalments: z.array(instalmentSchema),
  notes: z.array(noteSchema),
  problems: z.array(problemSchema),
  createdAt: timestamp,
  createdBy: z.string(),
  updatedAt: timestamp,
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

export const changeSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: timestamp,
  actor: z.string(),
  command: z.string(),
  summary: z.string(),
  before: z.array(putSchema),
  after: z.array(putSchema),
  undoneBy: z.number().int().nullable(),
});

export const counterSchema = z.object({ id: z.string(), value: z.number().int().nonnegative() });

/** One setting of the horse race (bands, weights, …); the value's shape is checked by `src/race/settings.ts`. */
export const settingSchema = z.object({ id: z.string(), value: z.unknown(), by: z.string(), at: timestamp });

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
  journalBytes: z.number().int().nonnegative(),
  ...Object.fromEntries(COLLECTIONS.map((c) => [c, z.record(z.string(), collectionSchemas[c])])),
} as {
  schemaVersion: z.ZodLiteral<4>;
  seq: z.ZodNumber;
  journalBytes: z.ZodNumber;
} & { [K in CollectionName]: z.ZodRecord<z.ZodString, (typeof collectionSchemas)[K]> });

export type Unit = z.infer<typeof unitSchema>;
export type Member = z.infer<typeof memberSchema>;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export type Problem = z.infer<typeof problemSchema>;
export type Project = z.infer<typeof projectSchema>;
export type Trip = z.infer<typeof tripSchema>;
export type Scope = z.infer<typeof scopeSchema>;
export type Target = z.infer<typeof targetSchema>;
export type Challenge = z.infer<typeof challengeSchema>;
export type Honour = z.infer<typeof honourSchema>;
export type Binding = z.infer<typeof bindingSchema>;
export type Change = z.infer<typeof changeSchema>;
export type Setting = z.infer<typeof settingSchema>;
export type Chain = z.infer<typeof chainSchema>;
export type PushRun = z.infer<typeof pushRunSchema>;
export type OutboxItem = z.infer<typeof outboxItemSchema>;
export type ReplyRoute = z.infer<typeof replyRouteSchema>;
export type PushKind = (typeof PUSH_KINDS)[number];
export type HandledMessage = z.infer<typeof handledMessageSchema>;
export type Role = (typeof ROLES)[number];
export type Stage = (typeof STAGES)[number];
export type ContractType = (typeof CONTRACT_TYPES)[number];
export type StartType = (typeof START_TYPES)[number];
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];
export type UnitType = (typeof UNIT_TYPES)[number];
export type Indicator = (typeof INDICATORS)[number];
export type Put = z.infer<typeof putSchema>;
export type StoreDocument = z.infer<typeof documentSchema>;

export function emptyDocument(): StoreDocument {
  const doc = { schemaVersion: SCHEMA_VERSION, seq: 0, journalBytes: 0 } as Record<string, unknown>;
  for (const c of COLLECTIONS) doc[c] = {};
  return doc as StoreDocument;
}
