import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { shanghai } from '../src/time/clock.ts';

export default defineCommand({
  id: 'honour',
  triggers: ['上榜'],
  summary: '评定招商英雄榜上榜单位或个人',
  usage: '上榜 单位名称或姓名 理由… [年度2023]',
  examples: ['上榜 工业园区管委会 理由引进再生铝龙头项目'],
  access: 'admin',
  writes: true,
  args: {
    name: field.head('上榜单位或个人'),
    reason: field.text('理由', { synonyms: ['事迹'] }),
    year: field.custom({ at: 'key', names: ['年度'] }, () =>
      z
        .string()
        .regex(/^\d{4}年?$/, zh.honourYearForm)
        .transform((s) => Number(s.slice(0, 4)))
        .optional(),
    ),
  },
  handle(args, ctx) {
    const isUnit = ctx.store.unitByName(args.name) !== null;
    const year = args.year ?? shanghai(ctx.now).year();
    const h = ctx.store.honour(ctx.meta, {
      year,
      kind: isUnit ? 'unit' : 'person',
      name: args.name,
      reason: args.reason,
    });
    return reply('ok', zh.honoured(h.year, h.name, isUnit), [h.reason]);
  },
});
