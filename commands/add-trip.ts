import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { localDate } from '../src/time/clock.ts';

export default defineCommand({
  id: 'add-trip',
  triggers: ['外出招商', '招商外出'],
  summary: '登记一次外出招商：去向、带队领导、对接企业（按企业去重计数）',
  usage: '外出招商 去向 带队张三 对接企业某甲公司、某乙公司 [日期6月12日]',
  examples: ['外出招商 深圳 带队张三 对接企业某甲公司、某乙公司 日期6月12日'],
  access: 'member',
  writes: true,
  args: {
    destination: field.head('去向'),
    leader: field.text('带队领导', { synonyms: ['带队'], optional: true }),
    enterprises: field.list('对接企业', { synonyms: ['企业'], optional: true }),
    date: field.pastDate('日期', { optional: true }),
  },
  handle(args, ctx) {
    const leaderName = args.leader ?? (ctx.actor.role === 'leader' ? ctx.actor.name : null);
    const leader = leaderName ? ctx.store.memberByName(leaderName) : null;
    const ledByDistrictLeader = leader?.role === 'leader';
    const trip = ctx.store.recordTrip(ctx.meta, {
      destination: args.destination,
      leaderName,
      ledByDistrictLeader,
      enterprises: args.enterprises ?? [],
      date: args.date ?? localDate(ctx.now),
      unitId: ctx.actor.unitId,
    });
    const lines = [zh.tripLine(trip.date, leaderName), zh.tripEnterprises(trip.enterprises)];
    if (leaderName && !ledByDistrictLeader) lines.push(zh.tripLeaderNotCounted(leaderName));
    lines.push(zh.tripHowToCorrect(trip.id), ctx.undoHint);
    return reply('ok', zh.tripSaved(trip.id, trip.destination), lines);
  },
});
