import { formatWan, sumWan } from '../src/domain/money.ts';
import { zh } from '../src/text/zh.ts';
import type { Project } from './schema.ts';

type Shown = string | number | boolean | null | undefined;

function shown(v: Shown): string {
  if (v === null || v === undefined || v === '') return zh.emptyValue;
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

function wan(v: number | null | undefined): string {
  return v === null || v === undefined ? zh.emptyValue : formatWan(v);
}

/** What an import changes on a stored project, field by field: 「合同额 12亿元 → 13亿元」. */
export function describeProjectChanges(
  before: Project,
  after: Project,
  unitName: (id: string) => string,
): string[] {
  const out: string[] = [];
  const field = (label: string, a: Shown, b: Shown) => {
    if (a !== b) out.push(zh.importChange(label, shown(a), shown(b)));
  };
  field('名称', before.name, after.name);
  field('责任单位', unitName(before.unitId), unitName(after.unitId));
  field('阶段', before.stage, after.stage);
  field('投资方', before.investor, after.investor);
  field('产业链', before.chain, after.chain);
  if (before.investmentWan !== after.investmentWan)
    out.push(zh.importChange('投资额', wan(before.investmentWan), wan(after.investmentWan)));
  field('重大项目', before.major, after.major);
  field('在谈日期', before.negotiationSince, after.negotiationSince);
  field('合同类型', before.signing?.type, after.signing?.type);
  if (before.signing?.amountWan !== after.signing?.amountWan)
    out.push(zh.importChange('合同额', wan(before.signing?.amountWan), wan(after.signing?.amountWan)));
  field('签约日期', before.signing?.date, after.signing?.date);
  field('约定开工期限', before.signing?.startDeadline, after.signing?.startDeadline);
  field('开工日期', before.start?.date, after.start?.date);
  field('开工类型', before.start?.type, after.start?.type);
  field('终止日期', before.termination?.date, after.termination?.date);
  field('终止原因', before.termination?.reason, after.termination?.reason);
  field('包联领导', before.leaderName, after.leaderName);
  field('负责人', before.ownerName, after.ownerName);
  const funds = (p: Project) =>
    zh.importFunds(p.instalments.length, formatWan(sumWan(p.instalments.map((i) => i.amountWan))));
  const sameFunds =
    before.instalments.length === after.instalments.length &&
    before.instalments.every((i, k) => {
      const j = after.instalments[k];
      return j !== undefined && i.id === j.id && i.date === j.date && i.amountWan === j.amountWan;
    });
  if (!sameFunds) out.push(zh.importChange('到位资金', funds(before), funds(after)));
  if (after.notes.length > before.notes.length) out.push(zh.importAddedNote);
  if (after.problems.length > before.problems.length)
    out.push(zh.importAddedProblems(after.problems.length - before.problems.length));
  return out;
}
