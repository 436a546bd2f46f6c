import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { UNDO_HINT } from '../src/domain/project-card.ts';
import { field } from '../src/reader/args.ts';
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
    const lines = [
      `日期 ${trip.date}　带队：${leaderName ?? '未写'}`,
      `对接企业 ${trip.enterprises.length} 家${trip.enterprises.length ? `：${trip.enterprises.join('、')}` : ''}`,
    ];
    if (leaderName && !ledByDistrictLeader)
      lines.push(`注意：${leaderName} 不是登记的区领导，本次不计入区领导带队次数。`);
    lines.push(`更正：修改外出招商 ${trip.id} 日期… 带队… 对接企业… 去向…`, UNDO_HINT);
    return reply('ok', `已登记外出招商：${trip.id} ${trip.destination}`, lines);
  },
});
