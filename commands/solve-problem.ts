import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { PROBLEM_WORDS } from '../src/domain/labels.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { localDate } from '../src/time/clock.ts';

export default defineCommand({
  id: 'solve-problem',
  triggers: ['问题已解决', '问题解决', '解决问题'],
  summary: '把项目未解决的问题标记为已解决（可只解决某一类），项目卡片不再显示为存在问题',
  usage: '问题已解决 项目名称 [资金|土地|政策|审批|其他] [说明]',
  examples: ['问题已解决 年产30万吨再生铝项目 土地 已取得用地指标', '问题已解决 P2023-017'],
  access: 'member',
  writes: true,
  args: {
    name: field.project(),
    category: field.bareChoice('问题类别', PROBLEM_WORDS, { optional: true }),
    note: field.optionalRest(),
  },
  handle(args, ctx) {
    const project = ctx.project(args.name, 'write');
    const { project: p, solved } = ctx.store.solveProblems(ctx.meta, project.id, {
      category: args.category ?? null,
      note: args.note || null,
      date: localDate(ctx.now),
    });
    const open = p.problems.filter((q) => !q.solved).length;
    return reply('ok', zh.problemsSolved(p.id, p.name), [
      ...solved.map((q) => zh.problemSolvedLine(q.category, q.text, `${q.solved?.date}`, ctx.actor.name)),
      ...(args.note ? [zh.solvedNote(args.note)] : []),
      zh.problemsStillOpen(open),
      ctx.undoHint,
    ]);
  },
});
