import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { zh } from '../src/text/zh.ts';

const UNDO_WINDOW_MS = 24 * 3600_000;

export default defineCommand({
  id: 'undo',
  triggers: ['撤销', '撤回'],
  summary: '撤销自己 24 小时内最近的一次登记',
  usage: '撤销',
  examples: ['撤销'],
  access: 'member',
  writes: true,
  handle(_args, ctx) {
    const { summary } = ctx.store.undoLast(ctx.meta, UNDO_WINDOW_MS, ctx.accountElsewhere);
    return reply('ok', zh.undone(summary), [zh.undoAgain]);
  },
});
