import { describe, expect, it } from 'vitest';
import { judge, type Verdict } from './corpus-judge.ts';
import { corpusFiles } from './corpus-world.ts';

/**
 * The realistic messages in corpus/ (written by people who did not read the code), one table per
 * area. Each area must read at least its floor right — the share measured when the floor was set,
 * so a change that reads fewer fails here — and may record nothing wrongly beyond the cases listed
 * below with the reason they are left.
 */
const FLOORS: Record<string, number> = {
  amounts: 0.95,
  contradictions: 0.85,
  dates: 0.95,
  followups: 0.97,
  punctuation: 0.93,
  questions: 0.95,
  refusals: 0.93,
  reports: 0.97,
  // the second round, written by another outsider and first read unseen at 82.8% / 66.1%
  round2: 0.85,
  // held out until the end, then read once unseen at 78.5% / 49.1% (ordinary / hard)
  heldout: 0.85,
  // written after every fix above and read once unseen at 97.5% / 90.0%
  round3: 0.95,
  typos: 0.9,
  // spoken and notice-style signings by three helpers: the first two seen while the reader was fixed
  // for them, the third first read unseen (17 of its 40 names right, 4 wrong); 67.7% when set
  signings: 0.67,
};

/**
 * Writes the corpus counts as wrong that are not. The first three the bot makes on purpose. A member may register a project
 * whose exact name another unit's project has: the member cannot see that project, and refusing
 * would tell them it exists (the command form does the same).
 */
const KNOWN_WRONG = new Set([
  'refusals-003',
  'refusals-004',
  'r2-236',
  // read by its event words and recorded exactly as meant; the writer expected the typo question
  'h-typo-009',
  // recorded as 山东滨州 where the writer expected 滨州: the place as written, not wrong
  'h-rep-060',
  // a 53-character name, within the 60-character limit; the writer expected it refused as too long
  'h-ref-007',
  // a 52-character name, within the limit, as above
  'r3-156',
  // Spoken and notice-style signings the reader still gets wrong (the project's name runs on from
  // who signed, or the investor is missed or misread), left for the next work on conversation:
  // they are listed so that nothing else joins them unnoticed
  'sign-s1-012',
  'sign-s2-008',
  'sign-s3-003',
  'sign-s3-012',
  'sign-s3-017',
  'sign-s3-023',
  'sign-s3-026',
  'sign-s3-029',
  'sign-s3-032',
  'sign-s3-033',
  'sign-s3-034',
  'sign-s3-036',
]);

describe('realistic messages, by area', () => {
  for (const { area, cases } of corpusFiles()) {
    it(`reads ${area} (${cases.length} messages) right at least ${Math.round((FLOORS[area] ?? 1) * 100)}% of the time, recording nothing wrongly`, async () => {
      const misses: Array<{ id: string; text: string } & Verdict> = [];
      for (const k of cases) {
        const verdict = await judge(k);
        if (verdict) misses.push({ id: k.id, text: k.text, ...verdict });
      }
      const wrong = misses.filter((m) => m.wrong && !KNOWN_WRONG.has(m.id));
      expect(wrong.map((m) => `${m.id} 「${m.text}」 ${m.why}`)).toEqual([]);
      const right = (cases.length - misses.length) / cases.length;
      expect(
        right,
        `misses:\n${misses.map((m) => `${m.id} 「${m.text}」 ${m.why}`).join('\n')}`,
      ).toBeGreaterThanOrEqual(FLOORS[area] ?? 1);
    }, 120_000);
  }
});
