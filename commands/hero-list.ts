import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { zh } from '../src/text/zh.ts';
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
      lines.push(zh.heroYear(y, units, people));
    }
    const challenges = ctx.store.challenges();
    lines.push(zh.heroChallenges(challenges.length));
    for (const c of challenges) {
      const who = c.claims.map((x) => x.claimant);
      lines.push(zh.heroChallenge(c.number, c.title, who));
    }
    return reply('info', zh.heroTitle, lines);
  },
});
