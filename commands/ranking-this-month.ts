import { defineCommand } from '../src/core/command.ts';
import { rankingAsOf } from '../src/race/race-context.ts';
import { rankingPeriod } from '../src/race/ranking-periods.ts';

export default defineCommand({
  id: 'ranking-this-month',
  triggers: ['本月晾晒', '本月排名'],
  summary: '本月各单位排名：五色、序时进度、红黑榜和差距',
  usage: '本月晾晒',
  examples: ['本月晾晒'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    const period = rankingPeriod(ctx.race.today, { kind: 'this-month' });
    return rankingAsOf(ctx.race, period.asOf, period.title);
  },
});
