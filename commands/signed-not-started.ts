import { defineCommand } from '../src/core/command.ts';
import { signedNotStartedReply } from '../src/race/lists-view.ts';

export default defineCommand({
  id: 'signed-not-started',
  triggers: ['签约未开工', '调度清单', '项目调度清单'],
  summary: '项目调度清单：签约未开工的项目、已签约天数、约定开工期限、负责人和灯色',
  usage: '签约未开工',
  examples: ['签约未开工'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    return signedNotStartedReply(ctx.race, ctx.canRead);
  },
});
