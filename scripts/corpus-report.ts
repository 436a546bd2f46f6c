import { resolve } from 'node:path';
import { judge } from '../test/conversation/corpus-judge.ts';
import { corpusFiles } from '../test/conversation/corpus-world.ts';

/**
 * How well the bot reads a corpus of realistic messages: per area, right / total, ordinary and
 * hard cases apart, how many were recorded wrongly, and (with --misses) every miss with why.
 * `npm run corpus -- [dir] [--misses]`; the dir defaults to test/conversation/corpus.
 */
const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const showMisses = args.includes('--misses');
const tally = { right: 0, total: 0, hardRight: 0, hardTotal: 0, wrong: 0 };
for (const { area, cases } of corpusFiles(dir ? resolve(process.cwd(), dir) : undefined)) {
  let ok = 0;
  for (const k of cases) {
    const verdict = await judge(k);
    if (!verdict) ok++;
    if (k.hard) {
      tally.hardTotal++;
      if (!verdict) tally.hardRight++;
    } else {
      tally.total++;
      if (!verdict) tally.right++;
    }
    if (verdict?.wrong) tally.wrong++;
    if (verdict && showMisses) {
      const mark = verdict.wrong ? '✗✗ RECORDED WRONGLY' : '✗';
      console.log(
        `  ${mark} ${k.id}${k.hard ? ' (hard)' : ''} 「${k.text.replace(/\n/g, '⏎')}」 ${verdict.why}`,
      );
    }
  }
  console.log(`${area}: ${ok}/${cases.length}`);
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(
  `ordinary: ${tally.right}/${tally.total} = ${pct(tally.right, tally.total)}; ` +
    `hard: ${tally.hardRight}/${tally.hardTotal} = ${pct(tally.hardRight, tally.hardTotal)}; ` +
    `recorded wrongly: ${tally.wrong}`,
);
