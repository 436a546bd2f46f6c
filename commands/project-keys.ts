import type { z } from 'zod';
import { field } from '../src/reader/schema-fields.ts';
import type { NewProjectFields } from '../storage/store.ts';

/** The `键值` fields that describe a project, shared by 登记在谈, 登记签约 and 修改. */
export const PROJECT_KEYS = {
  investor: { names: ['投资方', '投资企业'] },
  chain: { names: ['产业链'] },
  unit: { names: ['责任单位', '单位'] },
  leader: { names: ['包联领导', '领导'] },
  owner: { names: ['负责人', '责任人'] },
  investment: { names: ['总投资', '计划投资', '投资额'] },
};

export const projectFieldSchemas = {
  investor: field.text('投资方').optional(),
  chain: field.text('产业链').optional(),
  unit: field.text('责任单位').optional(),
  leader: field.text('包联领导').optional(),
  owner: field.text('负责人').optional(),
  investment: field.amount('投资额').optional(),
};

type ProjectFieldArgs = {
  [K in keyof typeof projectFieldSchemas]?: z.output<(typeof projectFieldSchemas)[K]>;
};

/** The optional project fields the person wrote, in the store's terms. */
export function projectFields(args: ProjectFieldArgs): Partial<NewProjectFields> {
  const out: Partial<NewProjectFields> = {};
  if (args.investor !== undefined) out.investor = args.investor;
  if (args.chain !== undefined) out.chain = args.chain;
  if (args.leader !== undefined) out.leaderName = args.leader;
  if (args.owner !== undefined) out.ownerName = args.owner;
  if (args.investment !== undefined) out.investmentWan = args.investment;
  return out;
}
