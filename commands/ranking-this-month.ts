import { defineCommand } from '../src/core/command.ts';
import { monthOf, yearOf } from '../src/race/period.ts';
import { rankingAsOf } from '../src/race/race-context.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'ranking-this-month',
  triggers: ['本月晾晒', '本月排名'],
  summary: '本月各单位排名：五色、序时进度、红黑榜和差距',
  usage: '本月晾晒',
  examples: ['本月晾晒'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    const view = ctx.race;
    return rankingAsOf(view, view.today, zh.monthRankingTitle(yearOf(view.today), monthOf(view.today)));
  },
});
