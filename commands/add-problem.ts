import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { PROBLEM_WORDS } from '../src/domain/labels.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import solveProblem from './solve-problem.ts';

/** 「问题 某项目 已解决」 says the problem is gone: recording 「已解决」 as a new problem would be wrong. */
const SAYS_SOLVED = /^(?:问题)?(?:已经?|都已?)?(?:解决|处理好|落实)(?:了|完毕|完成)?[。.!！]*$/u;

export default defineCommand({
  id: 'add-problem',
  triggers: ['问题', '存在问题'],
  summary: '登记项目卡点：资金、土地、政策、审批或其他',
  usage: '问题 项目名称 [资金|土地|政策|审批|其他] 问题描述',
  examples: ['问题 年产30万吨再生铝项目 用地 土地报批未完成'],
  access: 'member',
  writes: true,
  args: {
    name: field.project(),
    category: field.choice('问题类别', PROBLEM_WORDS, {
      synonyms: ['问题类型', '类型', '类别'],
      bare: true,
      default: '其他',
    }),
    text: field.rest(zh.problemEmpty),
  },
  handle(args, ctx) {
    if (SAYS_SOLVED.test(args.text.trim())) {
      const category = args.category === '其他' ? undefined : args.category;
      return solveProblem.handle({ name: args.name, category, note: '' }, ctx);
    }
    const project = ctx.project(args.name, 'write');
    const p = ctx.store.recordProblem(ctx.meta, project.id, { category: args.category, text: args.text });
    return reply('ok', zh.problemSaved(p.id, p.name), [
      zh.problemLine(args.category, args.text),
      ctx.undoHint,
    ]);
  },
});
