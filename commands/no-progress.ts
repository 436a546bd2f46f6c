import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { periodStart } from '../src/push/report-period.ts';
import { zh } from '../src/text/zh.ts';
import { localDate } from '../src/time/clock.ts';

export default defineCommand({
  id: 'no-progress',
  triggers: ['本期无进展'],
  summary: '本期（1日或16日起）没有新进展：半月调度计为已报送，报送提醒不再点名',
  usage: '本期无进展',
  examples: ['本期无进展'],
  access: 'member',
  writes: true,
  handle(_args, ctx) {
    const from = periodStart(localDate(ctx.now));
    const member = ctx.actor.member;
    if (!member) return reply('error', zh.noProgressNotMember);
    const { already } = ctx.store.declareNoProgress(ctx.meta, member.id, from);
    if (already) return reply('info', zh.noProgressAlready(from));
    return reply('ok', zh.noProgressRecorded(from), [ctx.undoHint]);
  },
});
