import { z } from 'zod';
import { localDate, timestamp, wan } from './schema-fields.ts';

// A project's record: its stages, contract, start, funds, progress notes and problems.

export const STAGES = ['线索', '在谈', '签约', '开工', '投产', '终止'] as const;
export const CONTRACT_TYPES = ['正式合同', '框架协议', '意向协议'] as const;
export const START_TYPES = ['建安类', '设备购置类', '开业类'] as const;
export const PROBLEM_CATEGORIES = ['资金', '土地', '政策', '审批', '其他'] as const;

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

export type Problem = z.infer<typeof problemSchema>;
export type Project = z.infer<typeof projectSchema>;
export type Stage = (typeof STAGES)[number];
export type ContractType = (typeof CONTRACT_TYPES)[number];
export type StartType = (typeof START_TYPES)[number];
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];
