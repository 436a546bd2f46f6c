import { sumWan, type Wan } from '../src/domain/money.ts';
import { zh } from '../src/text/zh.ts';
import type { LocalDate } from '../src/time/clock.ts';
import type { LedgerInstalmentRow, LedgerRow } from './ledger-import-input.ts';
import { defaultStartDeadline } from './project-fields.ts';
import type { Project, Stage } from './schema.ts';

/** What applying one row needs besides the row: the day, who, and the names it resolved. */
export interface RowContext {
  today: LocalDate;
  at: string;
  actor: string;
  unitId: string | null;
  /** The 到位资金明细 rows of this project, or null when the workbook has no such sheet for it. */
  instalments: LedgerInstalmentRow[] | null;
  problem(column: string, message: string): void;
}

/**
 * The project as the row says it should be, starting from the stored one (or a blank new one). It
 * checks what only a whole row can tell — a stage the dates contradict, a start without a contract —
 * and reports it; the caller writes nothing when anything was reported.
 */
export function applyLedgerRow(base: Project, row: LedgerRow, ctx: RowContext): Project {
  const p = structuredClone(base);
  if (row.name !== undefined) p.name = row.name;
  if (ctx.unitId !== null) p.unitId = ctx.unitId;
  if (row.investor !== undefined) p.investor = row.investor;
  if (row.chain !== undefined) p.chain = row.chain;
  if (row.investmentWan !== undefined) p.investmentWan = row.investmentWan;
  if (row.major !== undefined) p.major = row.major;
  if (row.leader !== undefined) p.leaderName = row.leader;
  if (row.owner !== undefined) p.ownerName = row.owner;
  for (const [column, date] of [
    [zh.importColumn.signingDate, row.signingDate],
    [zh.importColumn.startDate, row.startDate],
    [zh.importColumn.terminationDate, row.terminationDate],
    [zh.importColumn.negotiationSince, row.negotiationSince],
    [zh.importColumn.latestProgressDate, row.latestProgressDate],
  ] as const) {
    if (date !== undefined && date > ctx.today) ctx.problem(column, zh.importDateInFuture(date));
  }
  applySigning(p, row, ctx);
  applyStart(p, row, ctx);
  if (row.negotiationSince !== undefined) p.negotiationSince = row.negotiationSince;
  applyStage(p, base, row, ctx);
  applyFunds(p, row, ctx);
  if (row.latestProgress !== undefined && p.notes.at(-1)?.text !== row.latestProgress)
    p.notes.push({
      at: ctx.at,
      date: row.latestProgressDate ?? ctx.today,
      text: row.latestProgress,
      by: ctx.actor,
    });
  for (const q of row.problems ?? []) {
    if (!p.problems.some((old) => old.text === q.text))
      p.problems.push({ at: ctx.at, category: q.category, text: q.text, by: ctx.actor });
  }
  recordStages(p);
  return p;
}

function applySigning(p: Project, row: LedgerRow, ctx: RowContext): void {
  const given =
    row.contractType !== undefined || row.contractAmountWan !== undefined || row.signingDate !== undefined;
  if (!given) {
    if (row.startDeadline !== undefined) {
      if (p.signing) p.signing.startDeadline = row.startDeadline;
      else ctx.problem(zh.importColumn.startDeadline, zh.importNeedsSigning);
    }
    return;
  }
  const type = row.contractType ?? p.signing?.type;
  const date = row.signingDate ?? p.signing?.date;
  const amountWan = row.contractAmountWan ?? p.signing?.amountWan;
  if (type === undefined) ctx.problem(zh.importColumn.contractType, zh.importMissingContractType);
  if (date === undefined) ctx.problem(zh.importColumn.signingDate, zh.importMissingSigningDate);
  if (amountWan === undefined) ctx.problem(zh.importColumn.contractAmount, zh.importMissingContractAmount);
  if (type === undefined || date === undefined || amountWan === undefined) return;
  const startDeadline = row.startDeadline ?? p.signing?.startDeadline ?? defaultStartDeadline(date);
  p.signing = { type, date, amountWan, startDeadline };
}

function applyStart(p: Project, row: LedgerRow, ctx: RowContext): void {
  if (row.startDate === undefined && row.startType === undefined) return;
  const date = row.startDate ?? p.start?.date;
  const type = row.startType ?? p.start?.type;
  if (!p.signing) ctx.problem(zh.importColumn.startDate, zh.importStartNeedsSigning);
  if (date === undefined) ctx.problem(zh.importColumn.startDate, zh.importMissingStartDate);
  if (type === undefined) ctx.problem(zh.importColumn.startType, zh.importMissingStartType);
  if (date !== undefined && type !== undefined) p.start = { type, date };
}

/** The stage the data shows, unless the row names one the data agrees with. */
function applyStage(p: Project, base: Project, row: LedgerRow, ctx: RowContext): void {
  const terminationDate = row.terminationDate ?? p.termination?.date;
  const wanted = row.stage ?? (row.terminationDate !== undefined ? '终止' : undefined);
  if (wanted === '终止' || (wanted === undefined && p.termination)) {
    if (terminationDate === undefined) {
      ctx.problem(zh.importColumn.terminationDate, zh.importMissingTerminationDate);
      return;
    }
    const fromStage = p.termination?.fromStage ?? liveStage(p, base);
    p.termination = {
      date: terminationDate,
      reason: row.terminationReason ?? p.termination?.reason ?? zh.importNoTerminationReason,
      fromStage,
    };
    p.stage = '终止';
    return;
  }
  if (row.terminationReason !== undefined && !p.termination)
    ctx.problem(zh.importColumn.terminationReason, zh.importReasonNotTerminated);
  // an older sheet must not bring a terminated project back to life
  if (p.termination) {
    ctx.problem(zh.importColumn.stage, zh.importStillTerminated(wanted ?? '', p.termination.date));
    return;
  }
  const live = liveStage(p, base);
  if (wanted === undefined) p.stage = live;
  else if (datesAllow(wanted, p, live)) p.stage = wanted;
  else {
    ctx.problem(zh.importColumn.stage, zh.importStageContradicts(wanted, live));
    return;
  }
  if (p.stage === '在谈' && p.negotiationSince === null) p.negotiationSince = ctx.today;
}

/** Whether the dates allow the stage a row names: 线索 or 在谈 before a signing, 开工 or 投产 once started. */
function datesAllow(wanted: Stage, p: Project, live: Stage): boolean {
  if (wanted === '线索' || wanted === '在谈') return p.signing === null;
  if (wanted === '开工' || wanted === '投产') return p.start !== null;
  return wanted === live;
}

/** The stage a project not terminated is in by its dates: 开工 once started, 签约 once signed. */
function liveStage(p: Project, base: Project): Stage {
  if (p.start) return base.stage === '投产' ? '投产' : '开工';
  if (p.signing) return '签约';
  return base.stage === '线索' ? '线索' : '在谈';
}

/**
 * 到位资金: the 明细 sheet's rows are the project's instalments (kept as stored where date and amount
 * agree); without them a 合计 above what is stored adds the difference as one instalment of today.
 */
function applyFunds(p: Project, row: LedgerRow, ctx: RowContext): void {
  const detail = ctx.instalments;
  const total = row.fundsInPlaceWan;
  if (detail && detail.length > 0) {
    const sum = sumWan(detail.map((d) => d.amountWan));
    if (total !== undefined && total !== sum)
      ctx.problem(zh.importColumn.funds, zh.importFundsTotalDiffers(total, sum));
    if (!p.signing) ctx.problem(zh.importColumn.funds, zh.importFundsNeedSigning);
    // the stored instalments the 明细 lists again stay as and where they are; the others go
    const stored = [...p.instalments];
    const kept = new Set<number>();
    const added: Project['instalments'] = [];
    for (const d of detail) {
      const i = stored.findIndex(
        (old, k) => !kept.has(k) && old.date === d.date && old.amountWan === d.amountWan,
      );
      if (i >= 0) kept.add(i);
      else
        added.push({
          id: '',
          at: ctx.at,
          date: d.date,
          amountWan: d.amountWan,
          evidence: d.evidence ?? null,
          by: ctx.actor,
        });
    }
    p.instalments = [...stored.filter((_, k) => kept.has(k)), ...added];
    const left = stored.filter((_, k) => !kept.has(k));
    numberInstalments(p, left);
    return;
  }
  if (total === undefined) return;
  const stored = sumWan(p.instalments.map((i) => i.amountWan));
  if (total === stored) return;
  if (total < stored) {
    ctx.problem(zh.importColumn.funds, zh.importFundsBelowStored(total, stored));
    return;
  }
  if (!p.signing) {
    ctx.problem(zh.importColumn.funds, zh.importFundsNeedSigning);
    return;
  }
  const difference: Wan = sumWan([total, -stored]);
  p.instalments.push({
    id: '',
    at: ctx.at,
    date: ctx.today,
    amountWan: difference,
    evidence: zh.importFundsEvidence,
    by: ctx.actor,
  });
  numberInstalments(p, []);
}

/**
 * New instalments are numbered after the highest number the project held before this row (`P…-Fn`),
 * so the number of an instalment the 明细 replaced is not given to another in the same change.
 */
function numberInstalments(p: Project, before: ReadonlyArray<{ id: string }>): void {
  let n = 0;
  for (const { id } of [...before, ...p.instalments]) {
    const m = /-F(\d+)$/.exec(id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  for (const i of p.instalments) if (i.id === '') i.id = `${p.id}-F${++n}`;
}

/** The stage history the dates say: each stage once, at its date, in the order a project lives them. */
function recordStages(p: Project): void {
  const dated: Array<[Stage, LocalDate | null | undefined]> = [
    ['在谈', p.negotiationSince],
    ['签约', p.signing?.date],
    ['开工', p.start?.date],
    ['终止', p.termination?.date],
  ];
  for (const [stage, date] of dated) {
    const i = p.stageHistory.findIndex((h) => h.stage === stage);
    if (date === null || date === undefined) {
      if (i >= 0 && stage !== '在谈') p.stageHistory.splice(i, 1);
      continue;
    }
    if (i >= 0) (p.stageHistory[i] as { date: LocalDate }).date = date;
    else p.stageHistory.push({ stage, date });
  }
  if (p.stage === '投产' && !p.stageHistory.some((h) => h.stage === '投产'))
    p.stageHistory.push({
      stage: '投产',
      date: p.start?.date ?? p.stageHistory.at(-1)?.date ?? '1970-01-01',
    });
}
