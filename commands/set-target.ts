import { type CommandContext, type CommandSpec, defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { formatIndicatorValue, INDICATOR_INFO } from '../src/domain/indicator-catalogue.ts';
import { parseAmount } from '../src/reader/amount.ts';
import { type Field, field } from '../src/reader/args.ts';
import { parseNumber } from '../src/reader/numerals.ts';
import { zh } from '../src/text/zh.ts';
import { shanghai } from '../src/time/clock.ts';
import type { Indicator, Scope } from '../storage/schema.ts';
import { describeScope, parseScope } from '../storage/scope.ts';

const YEAR = /^(\d{4})年?$/;
const INDICATORS = Object.keys(INDICATOR_INFO) as Indicator[];
/** Each indicator a key of its own (`签约个数40`), read by its kind once the indicator is known. */
const INDICATOR_FIELDS = Object.fromEntries(
  INDICATORS.map((i) => {
    const [label, ...synonyms] = INDICATOR_INFO[i].names as [string, ...string[]];
    return [i, field.raw(label, { synonyms, optional: true })];
  }),
) as Record<Indicator, Field<string | undefined>>;

function readValue(indicator: Indicator, raw: string): number {
  const kind = INDICATOR_INFO[indicator].kind;
  if (kind === 'amount') return parseAmount(raw);
  if (kind === 'rate') {
    const n = parseNumber(raw.replace(/%$/, ''));
    if (n === null || n <= 0 || n > 100) throw new UserError(zh.numberUnreadable(raw));
    return n / 100;
  }
  const n = parseNumber(raw.replace(/[个次家项]$/, ''));
  if (n === null || !Number.isInteger(n) || n < 0) throw new UserError(zh.numberUnreadable(raw));
  return n;
}

/** What 设置目标 may name at a level, how it shows it, and how its help reads. */
export interface TargetLevel extends Pick<CommandSpec, 'summary' | 'usage' | 'examples'> {
  /** The scope a message names, or a UserError before anything is written. */
  scope(text: string, ctx: CommandContext): Scope;
  describe(scope: Scope, ctx: CommandContext): string;
}

/** 设置目标 at a level: a district's (any of its scopes) or the city's (全市 or one district). */
export function targetCommand(level: TargetLevel): CommandSpec {
  return defineCommand({
    id: 'set-target',
    triggers: ['设置目标', '目标设置'],
    summary: level.summary,
    usage: level.usage,
    examples: level.examples,
    access: 'admin',
    writes: true,
    args: {
      scope: field.head('范围'),
      year: field.bare('年份', (t) => YEAR.test(t), { optional: true }),
      tier: field.bare('目标档名（如 报告目标、市级目标、M0）', (t) => !YEAR.test(t)),
      ...INDICATOR_FIELDS,
    },
    handle(args, ctx) {
      const scope = level.scope(args.scope, ctx);
      const year = args.year ? Number(YEAR.exec(args.year)?.[1]) : shanghai(ctx.now).year();
      const values = INDICATORS.flatMap((indicator) => {
        const raw = args[indicator];
        return raw === undefined ? [] : [{ indicator, value: readValue(indicator, raw) }];
      });
      if (values.length === 0) throw new UserError(zh.targetNoValues);
      ctx.store.setTargets(ctx.meta, { scope, year, tier: args.tier, values });
      return reply(
        'ok',
        zh.targetSet(level.describe(scope, ctx), year, args.tier),
        values.map((v) =>
          zh.targetLine(INDICATOR_INFO[v.indicator].label, formatIndicatorValue(v.indicator, v.value)),
        ),
      );
    },
  });
}

export default targetCommand({
  summary: '设置某范围某年某一档目标（报告目标、市级目标、M0 等任意名称）',
  usage: '设置目标 全区|单位名|专班铝产业|领导张三 2023年 目标档名 签约个数40 合同额20亿 开工15 到位资金3亿',
  examples: [
    '设置目标 全区 2023年 报告目标 签约个数40',
    '设置目标 工业园区管委会 2023年 市级目标 合同额20亿 到位资金3亿',
  ],
  scope: (text, ctx) => parseScope(text, ctx.store),
  describe: (scope, ctx) => describeScope(scope, ctx.store),
});
