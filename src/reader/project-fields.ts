import { type ArgsOf, field } from './args.ts';

/** The `键值` fields that describe a project, shared by 登记在谈, 登记签约 and 修改. */
export const projectFields = {
  investor: field.text('投资方', { synonyms: ['投资企业'], optional: true }),
  chain: field.text('产业链', { optional: true }),
  unit: field.text('责任单位', { synonyms: ['单位'], optional: true }),
  leader: field.text('包联领导', { synonyms: ['领导'], optional: true }),
  owner: field.text('负责人', { synonyms: ['责任人'], optional: true }),
  investment: field.amount('投资额', { synonyms: ['总投资', '计划投资'], optional: true }),
};

/** The project details the person wrote (all but the unit, which needs a lookup), in the store's terms. */
export function projectDetails(args: Partial<ArgsOf<typeof projectFields>>): {
  investor?: string;
  chain?: string;
  leaderName?: string;
  ownerName?: string;
  investmentWan?: number;
} {
  const out: ReturnType<typeof projectDetails> = {};
  if (args.investor !== undefined) out.investor = args.investor;
  if (args.chain !== undefined) out.chain = args.chain;
  if (args.leader !== undefined) out.leaderName = args.leader;
  if (args.owner !== undefined) out.ownerName = args.owner;
  if (args.investment !== undefined) out.investmentWan = args.investment;
  return out;
}
