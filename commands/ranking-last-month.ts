import { defineCommand } from '../src/core/command.ts';
import { rankingAsOf } from '../src/race/race-context.ts';
import { rankingPeriod } from '../src/race/ranking-periods.ts';

export default defineCommand({
  id: 'ranking-last-month',
  triggers: ['上月晾晒', '上月排名'],
  summary: '上月末的各单位排名（每月通报的内容）',
  usage: '上月晾晒',
  examples: ['上月晾晒'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    const period = rankingPeriod(ctx.race.today, { kind: 'last-month' });
    return rankingAsOf(ctx.race, period.asOf, period.title);
  },
});
