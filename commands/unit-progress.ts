import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { colourLabel } from '../src/race/colours.ts';
import { formatPercent } from '../src/race/format.ts';
import { scopeProgress } from '../src/race/progress-view.ts';
import { rankUnits } from '../src/race/ranking.ts';
import { tiersUsed } from '../src/race/ranking-view.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'unit-progress',
  triggers: ['单位进度', '我们单位', '本单位进度'],
  summary: '一个单位的各项指标、目标、序时完成率、颜色和名次',
  usage: '单位进度 单位名称 | 我们单位',
  examples: ['单位进度 工业园区管委会', '我们单位'],
  access: 'member',
  writes: false,
  args: { unit: field.optionalRest({ isName: true }) },
  handle(args, ctx) {
    const own = ctx.trigger !== '单位进度' || !args.unit;
    const unit = own
      ? ctx.actor.unitId
        ? ctx.store.unit(ctx.actor.unitId)
        : null
      : ctx.store.unitByName(args.unit?.trim() ?? '');
    if (!unit) {
      throw new UserError(own ? zh.unitProgressNoUnit : zh.unitUnknown(args.unit ?? ''));
    }
    const view = ctx.race;
    const standing = rankUnits(ctx.store, view.today, view.settings).standings.find(
      (s) => s.unit.id === unit.id,
    );
    const ranked = standing?.rank !== null && standing?.rank !== undefined;
    const rankLine = ranked
      ? zh.unitRank(
          formatPercent(standing?.score ?? null),
          standing?.colour ? colourLabel(standing.colour) : '',
          standing?.rank ?? null,
          standing ? tiersUsed(standing) : '',
        )
      : zh.unitNotRanked;
    return scopeProgress(view, { kind: 'unit', unitId: unit.id }, zh.unitProgressTitle(unit.name), [
      rankLine,
    ]);
  },
});
