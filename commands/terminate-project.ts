import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { localDate } from '../src/time/clock.ts';

export default defineCommand({
  id: 'terminate-project',
  triggers: ['终止项目', '项目终止'],
  summary: '项目终止投资（退库），保留终止原因',
  usage: '终止项目 项目名称 原因企业战略调整 [日期…]',
  examples: ['终止项目 再生铝项目 原因企业战略调整'],
  access: 'member',
  writes: true,
  args: {
    name: field.project(),
    reason: field.text('终止原因', { synonyms: ['原因'] }),
    date: field.pastDate('终止日期', { synonyms: ['日期'], optional: true }),
  },
  handle(args, ctx) {
    const project = ctx.project(args.name, 'write');
    const p = ctx.store.terminateProject(ctx.meta, project.id, {
      reason: args.reason,
      date: args.date ?? localDate(ctx.now),
    });
    return reply('ok', zh.terminated(p.id, p.name), [
      zh.terminatedLine(`${p.termination?.fromStage}`, args.reason),
      zh.terminatedNote,
      ctx.undoHint,
    ]);
  },
});
