import { defineCommand } from '../src/core/command.ts';
import { negotiationsDueReply } from '../src/race/lists-view.ts';

export default defineCommand({
  id: 'negotiations-due',
  triggers: ['在谈超期', '在谈项目', '哪些在谈项目'],
  summary: '临近或超过签约期限的在谈项目（一般 3 个月，重大 6 个月）',
  usage: '在谈超期',
  examples: ['在谈超期'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    return negotiationsDueReply(ctx.race, ctx.canRead);
  },
});
