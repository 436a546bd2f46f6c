import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildBot } from '../src/compose.ts';
import { silentLogger } from '../src/core/logger.ts';
import { fiveColourPng, fiveColourSvg } from '../src/picture/five-colour-chart.ts';
import { halfYear } from '../src/race/period.ts';
import { raceView } from '../src/race/race-context.ts';
import { rankUnits } from '../src/race/ranking.ts';
import { summaryReply } from '../src/race/summary-view.ts';
import { renderPlainText } from '../src/render/plain-text.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import { Store } from '../storage/store.ts';
import { measure, ms, type Timing } from './measure.ts';
import { messageCpuBench } from './message-cpu.ts';
import { COMPILED } from './own-module.ts';
import { pushBench } from './push.ts';
import { readingBench } from './reading.ts';
import { storeSections } from './store-sections.ts';
import { syntheticDistrict } from './synthetic-district.ts';
import { webhookBench } from './webhook-bench.ts';

const SIZE = { projects: 5_000, units: 60, notes: 100_000, instalments: 20_000 };
const NOW = new Date('2026-11-29T10:00:00+08:00');
const TODAY = '2026-11-29';

function row(name: string, t: Timing, baseline: Timing): string {
  const ratio = t.median / baseline.median;
  return `${name.padEnd(28)} median ${ms(t.median).padStart(9)}  p95 ${ms(t.p95).padStart(9)}  max ${ms(t.max).padStart(9)}  ×${ratio.toFixed(1)} of baseline`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-bench-'));
  const doc = syntheticDistrict(SIZE, TODAY);
  writeFileSync(join(dir, 'saima.json'), JSON.stringify(doc));
  const loadStart = performance.now();
  const store = await Store.open(
    new FilePersistence(dir, { snapshotEvery: 1_000_000, snapshotAfterMs: 3_600_000 }),
  );
  const loadMs = performance.now() - loadStart;
  const bot = buildBot({ store, clock: { now: () => NOW }, admins: [], logger: silentLogger });
  let n = 0;
  const say = (text: string, as = 'zhangsan') =>
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

  // Baseline: one plain pass over the same records — every project, its instalments and notes.
  const baseline = await measure(() =>
    store.scanProjects((projects) => {
      let sum = 0;
      let count = 0;
      for (const p of projects) {
        if (p.signing?.type === '正式合同' && p.signing.date >= '2026-01-01') sum += p.signing.amountWan;
        for (const f of p.instalments) sum += f.amountWan;
        count += p.notes.length;
      }
      return sum + count;
    }),
  );
  const view = raceView(store, NOW);
  const ranking = await measure(() => rankUnits(store, TODAY, view.settings));
  const summary = await measure(() => summaryReply(view, halfYear(2026, 1, TODAY), '上半年'));
  const rankingChat = await measure(() => say('本月晾晒'));
  const summaryChat = await measure(() => say('上半年总结'));
  const progressChat = await measure(() => say('全区进度'));
  const listChat = await measure(() => say('签约未开工'), 10);
  let k = 0;
  const signing = await measure(
    () => say(`登记签约 基准项目${k++} 合同额1亿 正式合同 日期2026-11-01`, 'lisi'),
    50,
  );
  const snapshot = await measure(() => JSON.stringify(doc), 5, 1);

  const lines = [
    `saima benchmark — ${SIZE.projects} projects, ${SIZE.units} units, ${SIZE.notes} notes, ${SIZE.instalments} instalments (Node ${process.version}, ${COMPILED ? 'compiled by tsc, as production runs' : 'through tsx, slower than production'})`,
    `baseline: one plain pass over every project, instalment and note: median ${ms(baseline.median)}`,
    row('full ranking (engine)', ranking, baseline),
    row('half-year summary (engine)', summary, baseline),
    row('「本月晾晒」 reply', rankingChat, baseline),
    row('「上半年总结」 reply', summaryChat, baseline),
    row('「全区进度」 reply', progressChat, baseline),
    row('「签约未开工」 reply', listChat, baseline),
    row('「登记签约」 reply (fsync)', signing, baseline),
    `start-up load of the snapshot (parse + validate): ${ms(loadMs)}`,
    `background snapshot JSON.stringify (blocks the loop once per 500 changes or 5 s idle): median ${ms(snapshot.median)}`,
  ];
  const slowest = Math.max(rankingChat.p95, summaryChat.p95, progressChat.p95, listChat.p95, signing.p95);
  lines.push(`slowest reply p95: ${ms(slowest)} — goal < 100 ms: ${slowest < 100 ? 'met' : 'NOT met'}`);
  // The five-colour picture of all 60 units: the SVG is built on the main thread, the PNG in libuv's pool.
  const ranking60 = rankUnits(store, TODAY, view.settings);
  const svgTiming = await measure(
    () => fiveColourSvg(ranking60, '2026年第4季度晾晒 五色图', view.settings),
    5,
    1,
  );
  const lag = monitorEventLoopDelay({ resolution: 5 });
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 10);
  lag.enable();
  const pngTiming = await measure(
    () => fiveColourPng(ranking60, '2026年第4季度晾晒 五色图', view.settings),
    5,
    1,
  );
  lag.disable();
  clearInterval(ticker);
  lines.push(
    `five-colour picture, 60 units: SVG ${ms(svgTiming.median)} on the main thread; SVG→PNG median ${ms(pngTiming.median)} (max ${ms(pngTiming.max)}) in a worker thread`,
    `  while rendering, the event loop stayed responsive: max delay ${ms(lag.max / 1e6)}, p99 ${ms(lag.percentile(99) / 1e6)}, ${ticks} 10-ms ticks ran`,
  );
  const reading = await readingBench(SIZE, TODAY, NOW);
  lines.push(
    `reading a message (normalize, command word, typo guess, sentence reading with name matching) against ${reading.projects} realistically named projects:`,
    `  per message median ${ms(reading.median)}, p99 ${ms(reading.p99)}, max ${ms(reading.max)} — goal p99 < 2 ms: ${reading.p99 < 2 ? 'met' : 'NOT met'}`,
    `  ×${reading.ratios.median.toFixed(1)} of one plain look at every name (rounds min ×${reading.ratios.min.toFixed(1)}, max ×${reading.ratios.max.toFixed(1)})`,
  );
  lines.push(...(await messageCpuBench(TODAY, NOW)).lines);
  process.stdout.write(`${lines.join('\n')}\n`);
  await store.close();
  process.stdout.write(`${(await pushBench(SIZE, TODAY, NOW)).join('\n')}\n`);
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${(await webhookBench(SIZE, TODAY)).join('\n')}\n`);
}

/**
 * Every section, or only those named in SAIMA_BENCH_ONLY (comma-separated): `replies` (the replies,
 * pictures, reading and webhooks above), `webhooks` (those alone) and the store's sections
 * (bench/store-sections.ts).
 */
async function runSections(): Promise<void> {
  const only = process.env.SAIMA_BENCH_ONLY?.split(',').map((s) => s.trim());
  const wanted = (name: string) => !only || only.includes(name);
  const own = ['replies', 'webhooks'];
  const unknown = only?.filter((name) => !own.includes(name) && !(name in storeSections)) ?? [];
  if (unknown.length > 0) throw new Error(`no bench section ${unknown.join(', ')}`);
  if (wanted('replies')) await main();
  else if (wanted('webhooks')) process.stdout.write(`${(await webhookBench(SIZE, TODAY)).join('\n')}\n`);
  for (const [name, section] of Object.entries(storeSections)) {
    if (wanted(name)) process.stdout.write(`${(await section()).join('\n')}\n`);
  }
}

void runSections();
