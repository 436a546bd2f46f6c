import { join } from 'node:path';
import { judge } from '../test/conversation/corpus-judge.ts';
import { corpusFiles } from '../test/conversation/corpus-world.ts';

/**
 * How well the bot reads a corpus of realistic messages: per area, right / total (hard cases
 * apart), and every miss with why. `npm run corpus -- [dir] [--misses]`.
 */
const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const showMisses = args.includes('--misses');
let right = 0;
let total = 0;
let hardRight = 0;
let hardTotal = 0;
for (const { area, cases } of corpusFiles(dir ? join(process.cwd(), dir) : undefined)) {
  let ok = 0;
  for (const k of cases) {
    const why = await judge(k);
    if (!why) ok++;
    if (k.hard) {
      hardTotal++;
      if (!why) hardRight++;
    } else {
      total++;
      if (!why) right++;
    }
    if (why && showMisses)
      console.log(`  ✗ ${k.id}${k.hard ? ' (hard)' : ''} 「${k.text.replace(/\n/g, '⏎')}」 ${why}`);
  }
  console.log(`${area}: ${ok}/${cases.length}`);
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(
  `ordinary: ${right}/${total} = ${pct(right, total)}; hard: ${hardRight}/${hardTotal} = ${pct(hardRight, hardTotal)}`,
);
