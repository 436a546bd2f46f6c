import { defineCommand } from '../src/core/command.ts';
import type { Reply } from '../src/core/reply.ts';
import { halfYear, type Period, wholeYear, yearOf } from '../src/race/period.ts';
import { type SummaryHalf, summaryReply } from '../src/race/summary-view.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import type { LocalDate } from '../src/time/clock.ts';

const WHICH: Record<string, SummaryHalf> = {
  上半年总结: '上半年',
  半年总结: '上半年',
  下半年总结: '下半年',
  全年总结: '全年',
  年度总结: '全年',
};

/** The 总结 triggers, each naming its half or the whole year. */
export const SUMMARY_TRIGGERS = Object.keys(WHICH);

/**
 * The period a 总结 message asks for (a pattern's year and half, else the trigger's half of this
 * year), answered by `answer`; a period not yet begun is said so instead.
 */
export function answerSummary(
  args: { year?: string; which?: string },
  trigger: string,
  today: LocalDate,
  answer: (period: Period, which: SummaryHalf) => Reply,
): Reply {
  const year = args.year ? Number(args.year) : yearOf(today);
  const which = args.which ? (WHICH[`${args.which}总结`] ?? '全年') : (WHICH[trigger] ?? '上半年');
  if (`${year}-01-01` > today) {
    return { tone: 'info', title: zh.summaryNotStarted(zh.yearLabel(year)), lines: [] };
  }
  const period =
    which === '全年' ? wholeYear(year, today) : halfYear(year, which === '上半年' ? 1 : 2, today);
  if (period.from > today) {
    return { tone: 'info', title: zh.summaryNotStarted(period.label), lines: [] };
  }
  return answer(period, which);
}

export default defineCommand({
  id: 'summary',
  triggers: SUMMARY_TRIGGERS,
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
    return answerSummary(args, ctx.trigger, view.today, (period, which) => summaryReply(view, period, which));
  },
});
