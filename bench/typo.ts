import { performance } from 'node:perf_hooks';
import { commands } from '../commands/index.ts';
import { CommandGuesser } from '../src/reader/typo.ts';

/*
 * How long one guess takes: 60-character messages against about 150 triggers (the real ones plus
 * made-up four-character phrases from their characters), rounds alternating between messages that
 * are typos, ordinary sentences and exact triggers so no one path stays hot. Budget: 0.2 ms a call.
 */

const REAL = commands.flatMap((s) => s.triggers);
const CHARS = [...new Set(REAL.join('').replace(/[^\p{Script=Han}]/gu, ''))];
const TRIGGERS = [...new Set(REAL)];
// Made-up triggers from a fixed linear congruential walk over the real characters, the same every run.
let seed = 1;
while (TRIGGERS.length < 150) {
  const made = [0, 1, 2, 3]
    .map(() => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return CHARS[seed % CHARS.length];
    })
    .join('');
  if (!TRIGGERS.includes(made)) TRIGGERS.push(made);
}

function sixty(start: string): string {
  const filler = ' 铝灰渣综合利用项目 总投资5亿元 已完成土地摘牌 主体施工中 预计年底竣工投产 ';
  return (start + filler.repeat(3)).slice(0, 60);
}

const MESSAGES = [
  '登级签约',
  '铝灰渣综合利用项目进展',
  '本月凉晒',
  '登记签约',
  '我单位本月签约两个项目',
  '登签约',
  '上半年总计签约',
  '项目调调度清单',
].map(sixty);

const built = performance.now();
const guesser = new CommandGuesser(TRIGGERS);
const buildMs = performance.now() - built;

const ROUNDS = 5_000;
const WARMUP = 200;
const times: number[] = [];
let sink = 0;
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (const message of MESSAGES) {
    const t = performance.now();
    const guess = guesser.guess(message);
    const elapsed = performance.now() - t;
    if (guess) sink++;
    if (round >= WARMUP) times.push(elapsed);
  }
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

console.log(`triggers ${TRIGGERS.length}, messages ${MESSAGES.length} × ${ROUNDS} rounds, guesses ${sink}`);
console.log(`build ${buildMs.toFixed(1)} ms`);
console.log(
  `per call: min ${us(times[0] as number)}  median ${us(at(0.5))}  p99 ${us(at(0.99))}  p99.9 ${us(at(0.999))}  max ${us(times[times.length - 1] as number)}`,
);
