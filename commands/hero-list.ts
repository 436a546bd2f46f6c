import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { shanghai } from '../src/time/clock.ts';

export default defineCommand({
  id: 'hero-list',
  triggers: ['英雄榜', '招商英雄榜'],
  summary: '招商英雄榜：上榜单位和个人、在榜任务和揭榜情况',
  usage: '英雄榜',
  examples: ['英雄榜'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    const year = shanghai(ctx.now).year();
    const honours = ctx.store.honours().filter((h) => h.year >= year - 1);
    const lines: string[] = [];
    for (const y of [year, year - 1]) {
      const of = honours.filter((h) => h.year === y);
      if (!of.length) continue;
      const units = of.filter((h) => h.kind === 'unit').map((h) => h.name);
      const people = of.filter((h) => h.kind === 'person').map((h) => h.name);
      lines.push(
        `【${y}年上榜】单位 ${units.length} 个：${units.join('、') || '—'}；个人 ${people.length} 名：${people.join('、') || '—'}`,
      );
    }
    const challenges = ctx.store.challenges();
    lines.push(
      challenges.length
        ? `【揭榜任务】${challenges.length} 项`
        : '【揭榜任务】暂无，管理员可发送：发榜 任务内容',
    );
    for (const c of challenges) {
      const who = c.claims.map((x) => x.claimant);
      lines.push(
        `${c.number}. ${c.title} —— ${who.length ? `已揭榜：${who.join('、')}` : `待揭榜（发送「揭榜 ${c.number}」）`}`,
      );
    }
    return reply('info', '招商英雄榜', lines);
  },
});
