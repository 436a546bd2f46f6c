import { defineCommand } from '../src/core/command.ts';
import { rankingAsOf } from '../src/race/race-context.ts';
import { rankingPeriod } from '../src/race/ranking-periods.ts';

export default defineCommand({
  id: 'ranking-quarter',
  triggers: ['季度晾晒', '本季度晾晒', '上季度晾晒'],
  summary: '季度晾晒：全部单位的五色图（上季度晾晒 = 上季度末）',
  usage: '季度晾晒 | 上季度晾晒',
  examples: ['季度晾晒', '上季度晾晒'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    const kind = ctx.trigger === '上季度晾晒' ? 'last-quarter' : 'quarter';
    const period = rankingPeriod(ctx.race.today, { kind });
    return rankingAsOf(ctx.race, period.asOf, period.title, period.picture);
  },
});
