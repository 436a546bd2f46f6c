import { performance } from 'node:perf_hooks';
import { buildBot } from '../src/compose.ts';
import { silentLogger } from '../src/core/logger.ts';
import { addDays } from '../src/time/clock.ts';
import { MemoryPersistence } from '../storage/persistence.ts';
import type { Project, StoreDocument } from '../storage/schema.ts';
import { Store } from '../storage/store.ts';
import { benchMessage, dirBytes, isSnapshotFile, openBenchBot, savedTitle } from './bench-bot.ts';
import { alternate, ms, ratioText, spread } from './measure.ts';
import { syntheticDistrict } from './synthetic-district.ts';

const NOW = new Date('2026-11-29T10:00:00+08:00');
const TODAY = '2026-11-29';
const LONG_HISTORY = 400;
/** Projects measured per history length; the figure is the median of their lines. */
const SAMPLES = 5;
const GOAL = 1.5;

export interface JournalLineSizes {
  oneNote: number;
  manyNotes: number;
}

/**
 * Bytes the journal grows by for one 进度 note, on projects that already hold 1 note and on projects
 * that hold 400: a change journalled as the change does not grow with the project's history.
 */
/**
 * A district where 李四's unit (单位1, every 60th project) has `perSide` projects holding 1 note
 * and `perSide` holding 400.
 */
function historyDistrict(perSide: number): { document: StoreDocument; short: Project[]; long: Project[] } {
  const document = syntheticDistrict(
    { projects: 60 * (2 * perSide + 10), units: 60, notes: 0, instalments: 0 },
    TODAY,
  );
  const mine = Object.values(document.projects)
    .filter((p) => p.unitId === 'U001' && p.stage !== '终止')
    .slice(0, 2 * perSide);
  if (mine.length < 2 * perSide) throw new Error('the synthetic district has too few projects for 李四');
  const withNotes = (count: number) => (p: Project) => {
    p.notes = Array.from({ length: count }, (_, k) => ({
      at: '2026-01-01T09:00:00.000+08:00',
      date: addDays('2025-01-01', k) > TODAY ? TODAY : addDays('2025-01-01', k),
      text: `第${k + 1}次进展：已完成土地摘牌，正在办理施工许可，下周进场`,
      by: 'bench',
    }));
  };
  const short = mine.slice(0, perSide);
  const long = mine.slice(perSide);
  short.forEach(withNotes(1));
  long.forEach(withNotes(LONG_HISTORY));
  return { document, short, long };
}

export async function journalLineSizes(): Promise<JournalLineSizes> {
  const { document, short, long } = historyDistrict(SAMPLES);
  // no snapshot (nor what may follow one, like archiving the journal) while the journal is measured
  const { dir, bot, dispose } = await openBenchBot({
    clock: { now: () => NOW },
    document,
    persistence: { snapshotEvery: 1_000_000, snapshotAfterMs: 3_600_000 },
  });
  const journalBytes = () => dirBytes(dir, (name) => !isSnapshotFile(name));
  const noteBytes = async (projectId: string): Promise<number> => {
    const before = journalBytes();
    // the same note, and project numbers of one length, so only the history differs
    const message = benchMessage('lisi', `进度 ${projectId} 已完成土地摘牌，下周进场`);
    savedTitle(await bot.receive(message), '已记录进展：', message);
    return journalBytes() - before;
  };
  try {
    const sizes = { oneNote: [] as number[], manyNotes: [] as number[] };
    for (let i = 0; i < SAMPLES; i++) {
      sizes.oneNote.push(await noteBytes((short[i] as Project).id));
      sizes.manyNotes.push(await noteBytes((long[i] as Project).id));
    }
    return { oneNote: spread(sizes.oneNote).median, manyNotes: spread(sizes.manyNotes).median };
  } finally {
    await dispose();
  }
}

/** Projects per side for the CPU figure: each gets a few more notes, rounds take turns over them. */
const CPU_PROJECTS = 40;
const CPU_PER_ROUND = 80;

/**
 * What one 进度 costs the bot, from its text to its reply with the journal in memory, on projects
 * with 1 note and with 400: the journal line is flat, and so should the work be.
 */
async function noteCpu() {
  const { document, short, long } = historyDistrict(CPU_PROJECTS);
  const store = await Store.open(new MemoryPersistence(document));
  const bot = buildBot({ store, clock: { now: () => NOW }, admins: [], logger: silentLogger });
  let sent = 0;
  const round = (projects: Project[]) => async () => {
    const times: number[] = [];
    for (let i = 0; i < CPU_PER_ROUND; i++) {
      const message = benchMessage(
        'lisi',
        `进度 ${(projects[sent++ % projects.length] as Project).id} 已完成土地摘牌，下周进场`,
      );
      const t = performance.now();
      // handle, not receive: one sender's 560 messages would meet the flood gate
      const answered = bot.handle(message);
      times.push(performance.now() - t);
      if (answered.tone !== 'ok') throw new Error(`「${message.text}」 was not saved: ${answered.title}`);
    }
    return spread(times).median;
  };
  try {
    return await alternate(round(short), round(long), { rounds: 7, warmup: 2 });
  } finally {
    await store.close();
  }
}

export async function journalLineBench(): Promise<string[]> {
  const { oneNote, manyNotes } = await journalLineSizes();
  const ratio = manyNotes / oneNote;
  const cpu = await noteCpu();
  return [
    `journal growth for one 进度 note (median of ${SAMPLES} projects each): on a project with 1 note ${oneNote} B, with ${LONG_HISTORY} notes ${manyNotes} B`,
    `  ratio ×${ratio.toFixed(2)} — goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'met' : 'NOT met'}`,
    `one 进度's work (read, command, write; journal in memory), median of ${CPU_PER_ROUND} a round over ${CPU_PROJECTS} projects each, 7 alternating rounds: 1 note ${ms(cpu.baseline.median)}, ${LONG_HISTORY} notes ${ms(cpu.subject.median)}, ratio ${ratioText(cpu.ratio)} (not a goal of the issue; the line's ×${GOAL} would be the natural one)`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${(await journalLineBench()).join('\n')}\n`);
}
