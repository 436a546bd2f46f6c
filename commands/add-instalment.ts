import { type CommandContext, defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { formatWan, sumWan } from '../src/domain/money.ts';
import { amountAsWritten } from '../src/reader/amount-note.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { localDate } from '../src/time/clock.ts';
import type { Project } from '../storage/schema.ts';

/** An hour: the same amount again within it is more often a message sent twice than a second payment. */
const REPEAT_WINDOW_MS = 3600_000;
/** Funds in place beyond one and a half times the contract are more often a slipped unit than real. */
const OVER_CONTRACT = 1.5;

/** Asks before funds that contradict the ledger; true when they are dated before the signing (and confirmed). */
function checkInstalment(ctx: CommandContext, project: Project, amountWan: number, date: string): boolean {
  const signed = project.signing;
  const early = signed !== null && date < signed.date;
  ctx.checkFirst('funds-before-signing', early, () =>
    zh.confirmFundsBeforeSigning(project.name, date, `${signed?.date}`),
  );
  const total = sumWan([...project.instalments.map((i) => i.amountWan), amountWan]);
  ctx.checkFirst('funds-over-contract', signed !== null && total > signed.amountWan * OVER_CONTRACT, () =>
    zh.confirmFundsOverContract(project.name, formatWan(total), formatWan(signed?.amountWan ?? 0)),
  );
  const recent = project.instalments.find(
    (i) => i.amountWan === amountWan && ctx.now.getTime() - Date.parse(i.at) < REPEAT_WINDOW_MS,
  );
  ctx.checkFirst('same-amount', recent !== undefined, () => zh.confirmSameAmount(formatWan(amountWan)));
  return early;
}

export default defineCommand({
  id: 'add-instalment',
  triggers: ['到位资金', '资金到位', '登记到位'],
  summary: '登记一笔到位资金（写明凭证：银行回单、验资报告等）',
  usage: '到位资金 项目名称 8000万 凭证银行回单 [日期2023-06-30]',
  examples: ['到位资金 年产30万吨再生铝项目 8000万 凭证银行回单'],
  access: 'member',
  writes: true,
  args: {
    name: field.project(),
    amount: field.amount('到位金额', { synonyms: ['金额'], bare: true }),
    evidence: field.text('凭证', { synonyms: ['依据'], optional: true }),
    date: field.pastDate('到位日期', { synonyms: ['日期'], optional: true }),
  },
  handle(args, ctx) {
    const project = ctx.project(args.name, 'write');
    const date = args.date ?? localDate(ctx.now);
    const early = checkInstalment(ctx, project, args.amount, date);
    const note = amountAsWritten('到位金额', ctx.said('amount'), args.amount);
    const p = ctx.store.addInstalment(
      ctx.meta,
      project.id,
      {
        date,
        amountWan: args.amount,
        evidence: args.evidence ?? null,
        note,
      },
      early,
    );
    const total = sumWan(p.instalments.map((i) => i.amountWan));
    return reply('ok', zh.instalmentSaved(p.id, p.name, formatWan(args.amount)), [
      zh.instalmentLine(date, args.evidence ?? null),
      zh.instalmentTotal(formatWan(total), p.instalments.length),
      ...(note ? [note] : []),
      ctx.undoHint,
    ]);
  },
});
