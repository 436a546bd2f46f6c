import type { Store } from '../../storage/store.ts';
import { type Reply, reply } from '../core/reply.ts';
import { zh } from '../text/zh.ts';
import { shanghai } from '../time/clock.ts';

/** 招商英雄榜: this year's and last year's honours, and every challenge with who claimed it. */
export function heroListReply(store: Store, now: Date): Reply {
  const year = shanghai(now).year();
  const honours = store.honours().filter((h) => h.year >= year - 1);
  const lines: string[] = [];
  for (const y of [year, year - 1]) {
    const of = honours.filter((h) => h.year === y);
    if (!of.length) continue;
    const units = of.filter((h) => h.kind === 'unit').map((h) => h.name);
    const people = of.filter((h) => h.kind === 'person').map((h) => h.name);
    lines.push(zh.heroYear(y, units, people));
  }
  const challenges = store.challenges();
  lines.push(zh.heroChallenges(challenges.length));
  for (const c of challenges) {
    const who = c.claims.map((x) => x.claimant);
    lines.push(zh.heroChallenge(c.number, c.title, who));
  }
  return reply('info', zh.heroTitle, lines);
}
