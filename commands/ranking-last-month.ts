import { defineCommand } from '../src/core/command.ts';
import { monthOf, previousMonthEnd, yearOf } from '../src/race/period.ts';
import { rankingAsOf } from '../src/race/race-context.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'ranking-last-month',
  triggers: ['上月晾晒', '上月排名'],
  summary: '上月末的各单位排名（每月通报的内容）',
  usage: '上月晾晒',
  examples: ['上月晾晒'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    const view = ctx.race;
    const asOf = previousMonthEnd(view.today);
    return rankingAsOf(view, asOf, zh.monthRankingTitle(yearOf(asOf), monthOf(asOf)));
  },
});
