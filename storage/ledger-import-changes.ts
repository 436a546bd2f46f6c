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
  field(zh.importColumn.name, before.name, after.name);
  field(zh.importColumn.unit, unitName(before.unitId), unitName(after.unitId));
  field(zh.importColumn.stage, before.stage, after.stage);
  field(zh.importColumn.investor, before.investor, after.investor);
  field(zh.importColumn.chain, before.chain, after.chain);
  if (before.investmentWan !== after.investmentWan)
    out.push(
      zh.importChange(zh.importColumn.investment, wan(before.investmentWan), wan(after.investmentWan)),
    );
  field(zh.importColumn.major, before.major, after.major);
  field(zh.importColumn.negotiationSince, before.negotiationSince, after.negotiationSince);
  field(zh.importColumn.contractType, before.signing?.type, after.signing?.type);
  if (before.signing?.amountWan !== after.signing?.amountWan)
    out.push(
      zh.importChange(
        zh.importColumn.contractAmount,
        wan(before.signing?.amountWan),
        wan(after.signing?.amountWan),
      ),
    );
  field(zh.importColumn.signingDate, before.signing?.date, after.signing?.date);
  field(zh.importColumn.startDeadline, before.signing?.startDeadline, after.signing?.startDeadline);
  field(zh.importColumn.startDate, before.start?.date, after.start?.date);
  field(zh.importColumn.startType, before.start?.type, after.start?.type);
  field(zh.importColumn.terminationDate, before.termination?.date, after.termination?.date);
  field(zh.importColumn.terminationReason, before.termination?.reason, after.termination?.reason);
  field(zh.importColumn.leader, before.leaderName, after.leaderName);
  field(zh.importColumn.owner, before.ownerName, after.ownerName);
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
