import { defineCommand } from '../src/core/command.ts';
import { rankingAsOf } from '../src/race/race-context.ts';
import { rankingPeriod } from '../src/race/ranking-periods.ts';
import { field } from '../src/reader/args.ts';

export default defineCommand({
  id: 'ranking-year',
  triggers: ['年度排名', '年度晾晒', '年度考核'],
  patterns: [/^(?<year>\d{4})年?度?(?:排名|晾晒|考核)$/],
  summary: '年度排名（今年截至今天；写年份看往年全年）',
  usage: '年度排名 | 2023年度排名',
  examples: ['年度排名', '2023年度排名'],
  access: 'member',
  writes: false,
  args: { year: field.given() },
  handle(args, ctx) {
    const period = rankingPeriod(ctx.race.today, {
      kind: 'year',
      year: args.year ? Number(args.year) : null,
    });
    return rankingAsOf(ctx.race, period.asOf, period.title);
  },
});
