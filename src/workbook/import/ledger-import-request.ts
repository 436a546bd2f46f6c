import { z } from 'zod';
import { CONTRACT_TYPES, PROBLEM_CATEGORIES, STAGES, START_TYPES } from '../../../storage/project-schema.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const wan = z.number().finite().nonnegative();
const text = z.string().min(1);

const row = z.object({
  row: z.number().int(),
  id: text.optional(),
  name: text.optional(),
  stage: z.enum(STAGES).optional(),
  unit: text.optional(),
  chain: text.optional(),
  investor: text.optional(),
  investmentWan: wan.optional(),
  major: z.boolean().optional(),
  negotiationSince: date.optional(),
  contractType: z.enum(CONTRACT_TYPES).optional(),
  contractAmountWan: wan.optional(),
  signingDate: date.optional(),
  startDeadline: date.optional(),
  startDate: date.optional(),
  startType: z.enum(START_TYPES).optional(),
  fundsInPlaceWan: wan.optional(),
  leader: text.optional(),
  owner: text.optional(),
  latestProgress: text.optional(),
  latestProgressDate: date.optional(),
  problems: z.array(z.object({ category: z.enum(PROBLEM_CATEGORIES), text })).optional(),
  terminationDate: date.optional(),
  terminationReason: text.optional(),
});

const instalment = z.object({
  row: z.number().int(),
  projectId: text.optional(),
  projectName: text.optional(),
  unit: text.optional(),
  date,
  amountWan: wan,
  evidence: text.optional(),
});

const trip = z.object({
  row: z.number().int(),
  id: text.optional(),
  date,
  destination: text,
  leader: text.optional(),
  districtLeader: z.boolean().optional(),
  enterprises: z.array(text).optional(),
  unit: text.optional(),
});

const problem = z.object({
  sheet: z.string(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});

/** What `npm run import` sends a running bot over the local socket: the rows it read, not the file. */
export const ledgerImportRequest = z.object({
  as: z.string().min(1),
  dryRun: z.boolean(),
  input: z.object({
    fileName: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    sheet: z.string(),
    rows: z.array(row),
    instalmentSheet: z.string().nullable(),
    instalments: z.array(instalment),
    tripSheet: z.string().nullable(),
    trips: z.array(trip),
    problems: z.array(problem),
  }),
});

export type LedgerImportRequest = z.infer<typeof ledgerImportRequest>;
