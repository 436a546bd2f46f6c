import { defineCommand } from '../src/core/command.ts';
import { quarterOf, yearOf } from '../src/race/period.ts';
import { rankingAsOf } from '../src/race/race-context.ts';
import { zh } from '../src/text/zh.ts';
import { addDays } from '../src/time/clock.ts';

export default defineCommand({
  id: 'ranking-quarter',
  triggers: ['季度晾晒', '本季度晾晒', '上季度晾晒'],
  summary: '季度晾晒：全部单位的五色图（上季度晾晒 = 上季度末）',
  usage: '季度晾晒 | 上季度晾晒',
  examples: ['季度晾晒', '上季度晾晒'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    const view = ctx.race;
    let asOf = view.today;
    if (ctx.trigger === '上季度晾晒') {
      const firstMonth = (quarterOf(view.today) - 1) * 3 + 1;
      asOf = addDays(`${yearOf(view.today)}-${String(firstMonth).padStart(2, '0')}-01`, -1);
    }
    return rankingAsOf(view, asOf, zh.quarterRankingTitle(yearOf(asOf), quarterOf(asOf)), true);
  },
});
