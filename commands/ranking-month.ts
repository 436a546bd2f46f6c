import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { rankingAsOf } from '../src/race/race-context.ts';
import { rankingPeriod } from '../src/race/ranking-periods.ts';
import { field } from '../src/reader/args.ts';
import { parseNumber } from '../src/reader/numerals.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'ranking-month',
  triggers: [],
  patterns: [/^(?:(?<year>\d{4})年)?(?<month>\d{1,2}|[一二三四五六七八九十]{1,3})月(?:晾晒|排名)$/],
  summary: '某月末的各单位排名（今年还没到的月份指去年）',
  usage: 'N月晾晒（如 6月晾晒、2023年6月晾晒）',
  examples: ['6月晾晒'],
  access: 'member',
  writes: false,
  args: {
    year: field.given(),
    month: field.custom({ at: 'given' }, () =>
      z
        .string()
        .transform((s) => parseNumber(s) ?? 0)
        .refine((m) => Number.isInteger(m) && m >= 1 && m <= 12, zh.monthOutOfRange),
    ),
  },
  handle(args, ctx) {
    const period = rankingPeriod(ctx.race.today, {
      kind: 'month',
      month: args.month,
      year: args.year ? Number(args.year) : null,
    });
    return rankingAsOf(ctx.race, period.asOf, period.title);
  },
});
