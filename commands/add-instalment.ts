import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { formatWan, sumWan } from '../src/domain/money.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { localDate } from '../src/time/clock.ts';

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
    const p = ctx.store.addInstalment(ctx.meta, project.id, {
      date,
      amountWan: args.amount,
      evidence: args.evidence ?? null,
    });
    const total = sumWan(p.instalments.map((i) => i.amountWan));
    return reply('ok', zh.instalmentSaved(p.id, p.name, formatWan(args.amount)), [
      zh.instalmentLine(date, args.evidence ?? null),
      zh.instalmentTotal(formatWan(total), p.instalments.length),
      ctx.undoHint,
    ]);
  },
});
