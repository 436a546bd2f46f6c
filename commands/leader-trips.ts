import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { yearOf } from '../src/race/period.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'leader-trips',
  triggers: ['领导外出', '外出情况'],
  summary: '某位区领导今年带队外出招商的次数和对接企业',
  usage: '领导外出 姓名（领导本人可省略姓名）',
  examples: ['领导外出 张三'],
  access: 'member',
  writes: false,
  args: { name: field.optionalRest({ isName: true }) },
  handle(args, ctx) {
    const name = args.name || (ctx.actor.role === 'leader' ? ctx.actor.name : '');
    if (!name) throw new UserError(zh.leaderNameMissing);
    const view = ctx.race;
    const year = String(yearOf(view.today));
    const trips = ctx.store
      .trips((t) => t.leaderName === name && t.date.startsWith(year))
      .sort((a, b) => a.date.localeCompare(b.date));
    const counted = trips.filter((t) => t.ledByDistrictLeader);
    const enterprises = new Set(counted.flatMap((t) => t.enterprises));
    if (trips.length === 0) return reply('info', zh.leaderTripsNone(name, year));
    return reply(
      'info',
      zh.leaderTripsTitle(name, year, counted.length, enterprises.size),
      [
        ...(counted.length < trips.length ? [zh.leaderTripsNotCounted(trips.length - counted.length)] : []),
        ...(enterprises.size ? [zh.leaderTripsEnterprises([...enterprises])] : []),
      ],
      {
        table: {
          headers: [...zh.leaderTripsHeaders],
          rows: trips.map((t) => [t.id, t.date, t.destination, t.enterprises.join('、') || '—']),
        },
      },
    );
  },
});
