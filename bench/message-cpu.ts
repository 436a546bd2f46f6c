import { performance } from 'node:perf_hooks';
import { buildBot } from '../src/compose.ts';
import { silentLogger } from '../src/core/logger.ts';
import { renderPlainText } from '../src/render/plain-text.ts';
import { MemoryPersistence } from '../storage/persistence.ts';
import type { Project, StoreDocument } from '../storage/schema.ts';
import { Store } from '../storage/store.ts';
import { alternate, ratioText, type Spread } from './measure.ts';
import { realisticName } from './realistic-names.ts';
import { syntheticDistrict } from './synthetic-district.ts';

/*
 * The CPU one message costs from its text to its reply — reading it, the command, and the write
 * (in memory: the journal's fsync is measured elsewhere) — at 5k and 50k projects, for a member
 * (their unit and task forces) and for a leader or admin (everything). Both districts are measured
 * in alternating rounds; the goal is a 50k message within about 1.5× of a 5k one.
 */

/** Projects of the member's unit kept for writes that can happen once per project (开工, 签约). */
const POOL = 400;

interface District {
  store: Store;
  say(text: string, as: string): string;
  /** Names of the member's unit's projects, by what may still be done to them. */
  toStart: string[];
  toSign: string[];
  signed: string[];
}

function poolProject(template: Project, i: number, stage: '签约' | '在谈'): Project {
  const id = `P2026-${String(900_000 + i)}`;
  return {
    ...structuredClone(template),
    id,
    name: `${stage === '在谈' ? '洽谈' : '待开工'}${realisticName(i, true)}`,
    unitId: 'U001',
    stage,
    stageHistory: [{ stage, date: '2026-06-01' }],
    negotiationSince: stage === '在谈' ? '2026-06-01' : null,
    signing:
      stage === '签约'
        ? { type: '正式合同', date: '2026-06-01', amountWan: 10_000, startDeadline: '2027-03-31' }
        : null,
    start: null,
    termination: null,
    instalments: [],
    notes: [],
  };
}

export async function district(projects: number, today: string, now: Date): Promise<District> {
  const doc: StoreDocument = syntheticDistrict(
    { projects, units: 60, notes: projects * 2, instalments: projects },
    today,
  );
  let i = 0;
  for (const p of Object.values(doc.projects)) p.name = realisticName(i++, true);
  const template = Object.values(doc.projects)[0] as Project;
  for (let k = 0; k < POOL; k++) {
    for (const stage of ['签约', '在谈'] as const) {
      const p = poolProject(template, stage === '签约' ? k : POOL + k, stage);
      doc.projects[p.id] = p;
    }
  }
  doc.members.M0003 = {
    id: 'M0003',
    name: '王五',
    account: 'wangwu',
    unitId: null,
    role: 'admin',
    createdAt: '2026-01-01T09:00:00.000+08:00',
  };
  const store = await Store.open(new MemoryPersistence(doc));
  const bot = buildBot({ store, clock: { now: () => now }, admins: [], logger: silentLogger });
  let n = 0;
  const say = (text: string, as: string) =>
    renderPlainText(
      bot.handle({
        platform: 'bench',
        messageId: `m${n++}`,
        chatId: null,
        chatType: 'single',
        senderId: as,
        text,
      }),
    );
  const own = store.projects((p) => p.unitId === 'U001');
  return {
    store,
    say,
    toStart: own.filter((p) => p.stage === '签约' && p.name.startsWith('待开工')).map((p) => p.name),
    toSign: own.filter((p) => p.stage === '在谈').map((p) => p.name),
    signed: own.filter((p) => p.stage === '签约' && !p.name.startsWith('待开工')).map((p) => p.name),
  };
}

/** One kind of message: the text of the k-th one in a district, who sends it, what the reply must say. */
interface Kind {
  label: string;
  as: string;
  text(d: District, k: number): string;
  expect: RegExp;
}

export const KINDS: Kind[] = [
  {
    label: '登记签约, new project (member)',
    as: 'lisi',
    text: (_d, k) => `登记签约 新签测试项目${k} 合同额1亿 类型正式合同 日期2026-11-01`,
    expect: /已登记|签约/u,
  },
  {
    label: '登记签约, new project (admin)',
    as: 'wangwu',
    text: (_d, k) => `登记签约 管理员新签项目${k} 合同额1亿 类型正式合同 日期2026-11-01 单位单位2`,
    expect: /已登记|签约/u,
  },
  {
    label: '登记签约, 在谈 project (member)',
    as: 'lisi',
    text: (d, k) => `登记签约 ${d.toSign[k]} 合同额1亿 类型正式合同 日期2026-11-01`,
    expect: /签约/u,
  },
  {
    label: '登记开工 (member)',
    as: 'lisi',
    text: (d, k) => `登记开工 ${d.toStart[k]} 类型建安类`,
    expect: /开工/u,
  },
  {
    label: '到位资金 (member)',
    as: 'lisi',
    // a new amount each time, spread over many projects: the same amount twice in a day, or funds
    // past 1.5× the contract, are asked about rather than stored
    text: (d, k) => `到位资金 ${d.signed[k % d.signed.length]} ${k + 1}万 凭证银行回单`,
    expect: /已登记到位资金/u,
  },
  {
    label: '进度 (member)',
    as: 'lisi',
    text: (d, k) => `进度 ${d.signed[k % 5]} 已完成土地摘牌，第${k}次`,
    expect: /进展|进度/u,
  },
  {
    label: '进度 (admin)',
    as: 'wangwu',
    text: (d, k) => `进度 ${d.signed[k % 5]} 管理员补记，第${k}次`,
    expect: /进展|进度/u,
  },
  {
    label: '查询 one project (member)',
    as: 'lisi',
    text: (d, k) => `查询 ${d.signed[k % 5]}`,
    expect: /阶段/u,
  },
  {
    label: '项目进展 one project (leader)',
    as: 'zhangsan',
    text: (d, k) => `${d.signed[k % 5]}进展如何`,
    expect: /阶段/u,
  },
  {
    label: 'free-text report (member)',
    as: 'lisi',
    text: (d, k) => `${d.signed[k % d.signed.length]}今天又到位${k + 1}.5万，附银行回单`,
    expect: /已登记到位资金/u,
  },
];

/** Median milliseconds of `count` messages of one kind, starting at the k-th. */
function medianOf(d: District, kind: Kind, from: number, count: number): number {
  const times: number[] = [];
  for (let k = from; k < from + count; k++) {
    const text = kind.text(d, k);
    const t = performance.now();
    const out = d.say(text, kind.as);
    times.push(performance.now() - t);
    if (!kind.expect.test(out)) throw new Error(`bench message 「${text}」 got an unexpected reply: ${out}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export interface MessageCpu {
  label: string;
  small: Spread;
  large: Spread;
  ratio: Spread;
}

export async function messageCpuBench(
  today: string,
  now: Date,
  sizes: { small: number; large: number } = { small: 5_000, large: 50_000 },
): Promise<{ lines: string[]; results: MessageCpu[] }> {
  const small = await district(sizes.small, today, now);
  const large = await district(sizes.large, today, now);
  const perRound = 20;
  const results: MessageCpu[] = [];
  for (const kind of KINDS) {
    const next = new Map<District, number>([
      [small, 0],
      [large, 0],
    ]);
    const round = (d: District) => () => {
      const from = next.get(d) as number;
      next.set(d, from + perRound);
      return medianOf(d, kind, from, perRound);
    };
    const c = await alternate(round(small), round(large), { rounds: 5, warmup: 2 });
    results.push({ label: kind.label, small: c.baseline, large: c.subject, ratio: c.ratio });
  }
  await small.store.close();
  await large.store.close();
  const f = (n: number) => `${n.toFixed(3)} ms`;
  const lines = [
    `one message's CPU (read + command + write, journal in memory), median of ${perRound} per round, 5 alternating rounds — ${sizes.small} vs ${sizes.large} projects:`,
    ...results.map(
      (r) =>
        `  ${r.label.padEnd(34)} ${f(r.small.median).padStart(10)} vs ${f(r.large.median).padStart(10)}  ${ratioText(r.ratio)}`,
    ),
  ];
  return { lines, results };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv[2]
    ? { small: Number(process.argv[2]), large: Number(process.argv[3]) }
    : undefined;
  const { lines } = await messageCpuBench('2026-11-29', new Date('2026-11-29T10:00:00+08:00'), sizes);
  process.stdout.write(`${lines.join('\n')}\n`);
}
