import { defineCommand } from '../src/core/command.ts';
import { heroListReply } from '../src/race/hero-view.ts';

export default defineCommand({
  id: 'hero-list',
  triggers: ['英雄榜', '招商英雄榜'],
  summary: '招商英雄榜：上榜单位和个人、在榜任务和揭榜情况',
  usage: '英雄榜',
  examples: ['英雄榜'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    return heroListReply(ctx.store, ctx.now);
  },
});
