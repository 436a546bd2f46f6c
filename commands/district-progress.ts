import { defineCommand } from '../src/core/command.ts';
import { scopeProgress } from '../src/race/progress-view.ts';

export default defineCommand({
  id: 'district-progress',
  triggers: ['全区进度', '总体情况', '全区情况'],
  summary: '全区各项指标完成情况，对照每一档目标和序时进度',
  usage: '全区进度',
  examples: ['全区进度'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    return scopeProgress(ctx.race, { kind: 'district' }, '全区进度');
  },
});
