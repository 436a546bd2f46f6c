import { defineCommand } from '../src/core/command.ts';
import { halfYear, wholeYear, yearOf } from '../src/race/period.ts';
import { summaryReply } from '../src/race/summary-view.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

const WHICH: Record<string, '上半年' | '下半年' | '全年'> = {
  上半年总结: '上半年',
  半年总结: '上半年',
  下半年总结: '下半年',
  全年总结: '全年',
  年度总结: '全年',
};

export default defineCommand({
  id: 'summary',
  triggers: Object.keys(WHICH),
  patterns: [/^(?<year>\d{4})年(?<which>上半年|下半年|全年|年度)总结$/],
  summary:
    '按总结报告的写法生成统计段落（签约、合同额对各档目标、开工、开工率、到位资金、外出招商、签约未开工）',
  usage: '上半年总结 | 下半年总结 | 全年总结 | 2023年上半年总结',
  examples: ['上半年总结', '2023年上半年总结'],
  access: 'member',
  writes: false,
  args: { year: field.given(), which: field.given() },
  handle(args, ctx) {
    const view = ctx.race;
    const year = args.year ? Number(args.year) : yearOf(view.today);
    const which = args.which ? (WHICH[`${args.which}总结`] ?? '全年') : (WHICH[ctx.trigger] ?? '上半年');
    if (`${year}-01-01` > view.today) {
      return { tone: 'info', title: zh.summaryNotStarted(zh.yearLabel(year)), lines: [] };
    }
    const period =
      which === '全年' ? wholeYear(year, view.today) : halfYear(year, which === '上半年' ? 1 : 2, view.today);
    if (period.from > view.today) {
      return { tone: 'info', title: zh.summaryNotStarted(period.label), lines: [] };
    }
    return summaryReply(view, period, which);
  },
});
