import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'post-challenge',
  triggers: ['发榜'],
  summary: '发布招商英雄榜任务（单位或个人可以揭榜）',
  usage: '发榜 任务内容',
  examples: ['发榜 引进一个年产10万吨以上再生铝项目'],
  access: 'admin',
  writes: true,
  args: { title: field.rest(zh.challengeTitleMissing) },
  handle(args, ctx) {
    const c = ctx.store.postChallenge(ctx.meta, args.title);
    return reply('ok', zh.challengePosted(c.number), [c.title, zh.challengeHowToClaim(c.number)]);
  },
});
