import { citySummaryReply } from '../../src/city/city-summary.ts';
import type { DistrictLedger } from '../../src/city/district-ledger.ts';
import { type CommandSpec, defineCommand } from '../../src/core/command.ts';
import { field } from '../../src/reader/args.ts';
import { answerSummary, SUMMARY_TRIGGERS } from '../summary.ts';

const CITY_WORDS = ['全市', '市级'];
const CITY_WORD = /^(?:全市|市级)/;
const HALF = '(?<which>上半年|下半年|全年|年度)总结';

/**
 * The city's 总结, twice: under the district's own words (上半年总结, for the city's chats) and
 * under 全市/市级 words, which mean the city wherever they are sent.
 */
export function citySummaries(districts: () => ReadonlyArray<DistrictLedger>): CommandSpec[] {
  const shared = {
    access: 'admin' as const,
    writes: false,
    args: { year: field.given(), which: field.given() },
  };
  return [
    defineCommand({
      ...shared,
      id: 'summary',
      triggers: SUMMARY_TRIGGERS,
      patterns: [new RegExp(`^(?<year>\\d{4})年${HALF}$`)],
      summary: '全市的总结段落：各区县数字相加，对照全市目标，并列出各区县的占比',
      usage: '上半年总结 | 下半年总结 | 全年总结 | 2023年上半年总结',
      examples: ['上半年总结', '2023年全年总结'],
      handle(args, ctx) {
        const view = ctx.race;
        return answerSummary(args, ctx.trigger, view.today, (period, which) =>
          citySummaryReply(districts(), view, period, which),
        );
      },
    }),
    defineCommand({
      ...shared,
      id: 'city-summary',
      triggers: CITY_WORDS.flatMap((w) => SUMMARY_TRIGGERS.map((t) => `${w}${t}`)),
      patterns: [
        new RegExp(`^(?<year>\\d{4})年(?:全市|市级)${HALF}$`),
        new RegExp(`^(?:全市|市级)(?<year>\\d{4})年${HALF}$`),
      ],
      summary: '同「上半年总结」等，写明全市：在区县的群里也是全市的总结',
      usage: '全市上半年总结 | 全市全年总结 | 2023年全市上半年总结',
      examples: ['全市上半年总结', '2023年全市上半年总结'],
      handle(args, ctx) {
        const view = ctx.race;
        return answerSummary(args, ctx.trigger.replace(CITY_WORD, ''), view.today, (period, which) =>
          citySummaryReply(districts(), view, period, which),
        );
      },
    }),
  ];
}
