import { UserError } from '../src/core/errors.ts';
import { zh } from '../src/text/zh.ts';
import { Aggregate, stamp } from './aggregate.ts';
import type { ChangeMeta } from './ledger.ts';
import type { Challenge, Honour } from './schema.ts';

/** 英雄榜: challenges posted (发榜) and claimed (揭榜), and honours (上榜). */
export class HeroBoard extends Aggregate {
  challenges(): Challenge[] {
    return this.copy((d) => Object.values(d.challenges).sort((a, b) => a.number - b.number));
  }

  honours(): Honour[] {
    return this.copy((d) => Object.values(d.honours));
  }

  postChallenge(meta: ChangeMeta, title: string): Challenge {
    return this.add(
      meta,
      'challenges',
      (tx) => {
        const number = tx.next('challenge');
        return { id: `C${number}`, number, title, postedAt: stamp(meta), postedBy: meta.actor, claims: [] };
      },
      (challenge) => zh.summaryChallenge(challenge.number, challenge.title),
    );
  }

  claimChallenge(
    meta: ChangeMeta,
    number: number,
    claimant: { name: string; unitId: string | null },
  ): Challenge {
    return this.write(meta, (tx) => {
      const challenge = tx.get('challenges', `C${number}`);
      if (!challenge) throw new UserError(zh.challengeUnknown(number));
      if (challenge.claims.some((c) => c.claimant === claimant.name)) {
        throw new UserError(zh.challengeAlreadyClaimed(number, claimant.name));
      }
      challenge.claims.push({ claimant: claimant.name, unitId: claimant.unitId, at: stamp(meta) });
      tx.put('challenges', challenge);
      tx.summary = zh.summaryClaim(number, claimant.name);
      return challenge;
    });
  }

  honour(meta: ChangeMeta, input: Omit<Honour, 'id' | 'by' | 'at'>): Honour {
    return this.add(
      meta,
      'honours',
      (tx) => ({
        ...input,
        id: `H${String(tx.next('honour')).padStart(3, '0')}`,
        by: meta.actor,
        at: stamp(meta),
      }),
      (honour) => zh.summaryHonour(honour.year, honour.name),
    );
  }
}
