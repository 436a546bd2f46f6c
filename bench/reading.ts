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
import { syntheticDistrict } from './synthetic-district.ts';

/*
 * Reading one message against a district of 5,000 projects with realistic names: normalizing,
 * the command word, a typo guess, and reading a sentence (questions routed, reports' fields found,
 * every visible project's name matched) — everything before the command runs. The baseline is one
 * plain look at every project name (`includes`), the least any name matching must do; both are
 * warmed up and measured in alternating rounds.
 */

const COMPANIES = [
  '华峰',
  '荣信',
  '宁德',
  '中铝',
  '双汇',
  '安井',
  '立中',
  '坚美',
  '兴发',
  '亚铝',
  '信达',
  '药明',
  '复星',
  '华东',
  '贝因美',
  '长安',
  '赛力斯',
  '比亚迪',
  '欣旺达',
  '中宠',
  '中牧',
  '重庆菌旺',
  '浙江中通',
  '陕西果业',
  '西安饮食',
  '武陵',
  '黔江',
  '渝东南',
  '乌江',
  '阿蓬江',
];
const PRODUCTS = [
  '铝深加工',
  '再生铝',
  '预制菜加工',
  '冷链物流',
  '储能电池',
  '生物医药',
  '宠物健康',
  '夜游经济',
  '新材料',
  '智能制造',
  '铝合金轮毂',
  '铝合金门窗',
  '肉牛养殖',
  '魔芋精深加工',
  '羊肚菌深加工',
  '跨境电商产业园',
  '动物疫苗研发',
  '铝棒',
  '光伏组件',
  '锂电材料',
];
const PHASES = ['', '二期', '三期', '扩能', '技改', '配套', '总部', '基地', '示范园'];

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
  for (const p of Object.values(doc.projects)) {
    const c = COMPANIES[i % COMPANIES.length] as string;
    const product = PRODUCTS[Math.floor(i / COMPANIES.length) % PRODUCTS.length] as string;
    const phase = PHASES[Math.floor(i / (COMPANIES.length * PRODUCTS.length)) % PHASES.length] as string;
    p.name = `${c}${product}${phase}项目${i >= COMPANIES.length * PRODUCTS.length * PHASES.length ? i : ''}`;
    i++;
  }
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
