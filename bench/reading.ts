import { performance } from 'node:perf_hooks';
import { commands } from '../commands/index.ts';
import type { Actor } from '../src/core/command.ts';
import { lookupFor } from '../src/core/lookup.ts';
import { Matcher } from '../src/core/matcher.ts';
import { normalize } from '../src/reader/normalize.ts';
import { CommandGuesser } from '../src/reader/typo.ts';
import { understand } from '../src/understand/index.ts';
import { MemoryPersistence } from '../storage/persistence.ts';
import { Store } from '../storage/store.ts';
import { realisticName } from './realistic-names.ts';
import { syntheticDistrict } from './synthetic-district.ts';

/*
 * Reading one message against a district of 5,000 projects with realistic names: normalizing,
 * the command word, a typo guess, and reading a sentence (questions routed, reports' fields found,
 * every visible project's name matched) — everything before the command runs. The baseline is one
 * plain look at every project name (`includes`), the least any name matching must do; both are
 * warmed up and measured in alternating rounds.
 */

const MESSAGES = [
  '华峰铝深加工那个项目今天签了正式合同，5个亿',
  '荣信预制菜加工项目昨天到位两千五百万，附银行回单',
  '宁德储能电池项目上周四开工了，建安类',
  '中铝再生铝二期项目卡在用地指标上，土地报批迟迟未完成',
  '双汇冷链物流项目咋样了？',
  '本月排名咋样',
  '我们排多少名',
  '签了还没开工的有哪些',
  '王副区长今年带队出去了几趟',
  '登级签约 安井预制菜加工项目 合同额3亿 类型正式合同',
  '查询 立中铝棒项目',
  '有个跨境电商产业园项目在谈，投资方浙江中通，投资额约4亿元',
  '11月24日王副区长带队赴深圳招商，对接了比亚迪、欣旺达两家企业',
  '好的收到',
];

function realisticNames(doc: ReturnType<typeof syntheticDistrict>): void {
  let i = 0;
  for (const p of Object.values(doc.projects)) p.name = realisticName(i++);
}

export interface ReadingResult {
  projects: number;
  p99: number;
  median: number;
  max: number;
  ratios: { min: number; median: number; max: number };
}

export async function readingBench(
  size: Parameters<typeof syntheticDistrict>[0],
  today: string,
  now: Date,
): Promise<ReadingResult> {
  const doc = syntheticDistrict(size, today);
  realisticNames(doc);
  const store = await Store.open(new MemoryPersistence(doc));
  const matcher = new Matcher(commands);
  const guesser = new CommandGuesser(commands.flatMap((s) => s.triggers));
  const member = store.memberByAccount('zhangsan');
  const actor: Actor = { account: 'zhangsan', name: '张三', role: 'leader', unitId: null, member };
  const names = store.scanProjects((all) => all.map((p) => p.name));

  const read = (raw: string) => {
    const text = normalize(raw).text;
    if (matcher.match(text)) return;
    if (guesser.guess(text)) return;
    understand(text, now, lookupFor(store, actor));
  };
  const baseline = (raw: string) => {
    const probe = raw.slice(0, 4);
    let hits = 0;
    for (const name of names) if (name.includes(probe)) hits++;
    return hits;
  };

  const timed = (fn: (m: string) => unknown, into: number[]) => {
    for (const m of MESSAGES) {
      const t = performance.now();
      fn(m);
      into.push(performance.now() - t);
    }
  };
  for (let i = 0; i < 20; i++) {
    timed(read, []);
    timed(baseline, []);
  }
  const readTimes: number[] = [];
  const ratios: number[] = [];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  for (let round = 0; round < 40; round++) {
    const r: number[] = [];
    const b: number[] = [];
    if (round % 2) {
      timed(read, r);
      timed(baseline, b);
    } else {
      timed(baseline, b);
      timed(read, r);
    }
    readTimes.push(...r);
    ratios.push(median(r) / median(b));
  }
  readTimes.sort((a, b) => a - b);
  ratios.sort((a, b) => a - b);
  const at = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number;
  await store.close();
  return {
    projects: names.length,
    p99: at(readTimes, 0.99),
    median: at(readTimes, 0.5),
    max: readTimes[readTimes.length - 1] as number,
    ratios: { min: ratios[0] as number, median: at(ratios, 0.5), max: ratios[ratios.length - 1] as number },
  };
}
