import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { MAJOR_WORDS } from '../src/domain/labels.ts';
import { formatWan } from '../src/domain/money.ts';
import { amountAsWritten } from '../src/reader/amount-note.ts';
import { field } from '../src/reader/args.ts';
import { projectDetails, projectFields } from '../src/reader/project-fields.ts';
import { zh } from '../src/text/zh.ts';
import { localDate } from '../src/time/clock.ts';

export default defineCommand({
  id: 'register-negotiation',
  triggers: ['登记在谈', '新增在谈', '在谈登记'],
  summary: '登记一个在谈项目（按 3 个月、重大项目 6 个月的期限跟踪签约）',
  usage: '登记在谈 项目名称 投资额8亿 投资方某某铝业 产业链铝产业 [重大] [日期2023-05-01]',
  examples: ['登记在谈 再生铝项目 投资额8亿 投资方某某铝业 产业链铝产业'],
  access: 'member',
  writes: true,
  args: {
    name: field.project(),
    ...projectFields,
    major: field.flag(Object.keys(MAJOR_WORDS)),
    date: field.pastDate('日期', { synonyms: ['在谈日期'], optional: true }),
  },
  handle(args, ctx) {
    const unitId = ctx.unitForNewProject(args.unit);
    const date = args.date ?? localDate(ctx.now);
    const note =
      args.investment === undefined
        ? null
        : amountAsWritten('投资额', ctx.said('investment'), args.investment);
    const p = ctx.store.registerNegotiation(ctx.meta, {
      name: args.name,
      unitId,
      ...projectDetails(args),
      major: args.major,
      date,
      note,
    });
    return reply('ok', zh.negotiationSaved(p.id, p.name), [
      zh.negotiationSince(date, p.major),
      ...(p.investmentWan !== null ? [zh.investmentLine(formatWan(p.investmentWan))] : []),
      ctx.undoHint,
    ]);
  },
});
