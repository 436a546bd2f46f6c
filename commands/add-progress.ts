import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'add-progress',
  triggers: ['进度', '上报进度', '进展上报'],
  summary: '上报项目最新进展（项目名后面的文字就是进展）',
  usage: '进度 项目名称 进展内容',
  examples: ['进度 年产30万吨再生铝项目 已完成土地摘牌，下周进场'],
  access: 'member',
  writes: true,
  args: { name: field.project(), note: field.rest(zh.noteEmpty) },
  handle(args, ctx) {
    const project = ctx.project(args.name, 'write');
    const p = ctx.store.addProgressNote(ctx.meta, project.id, args.note);
    return reply('ok', zh.progressSaved(p.id, p.name), [args.note, ctx.undoHint]);
  },
});
