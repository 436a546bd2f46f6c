import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'claim-challenge',
  triggers: ['揭榜'],
  summary: '揭榜：以本单位（或写「个人」以个人名义）认领一项英雄榜任务',
  usage: '揭榜 榜号 [个人]',
  examples: ['揭榜 3', '揭榜 3 个人'],
  access: 'member',
  writes: true,
  args: {
    number: field.custom({ at: 'head' }, () =>
      z
        .string({ error: zh.challengeNumberMissing })
        .regex(/^\d+$/, zh.challengeNumberNotNumber)
        .transform(Number),
    ),
    personal: field.flag([zh.challengePersonal]),
  },
  handle(args, ctx) {
    const unit = ctx.actor.unitId ? ctx.store.unit(ctx.actor.unitId) : null;
    const asPerson = args.personal || !unit;
    const claimant = asPerson ? ctx.actor.name : (unit?.name as string);
    const c = ctx.store.claimChallenge(ctx.meta, args.number, {
      name: claimant,
      unitId: asPerson ? null : (unit?.id ?? null),
    });
    return reply('ok', zh.challengeClaimed(claimant, c.number), [c.title]);
  },
});
