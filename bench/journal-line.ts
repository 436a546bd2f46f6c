import { addDays } from '../src/time/clock.ts';
import { benchMessage, dirBytes, isSnapshotFile, openBenchBot, savedTitle } from './bench-bot.ts';
import { spread } from './measure.ts';
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
export async function journalLineSizes(): Promise<JournalLineSizes> {
  const document = syntheticDistrict({ projects: 1_200, units: 60, notes: 0, instalments: 0 }, TODAY);
  // 李四 reports for 单位1, which holds every 60th project: half get one note, half 400
  const mine = Object.values(document.projects)
    .filter((p) => p.unitId === 'U001' && p.stage !== '终止')
    .slice(0, 2 * SAMPLES);
  if (mine.length < 2 * SAMPLES) throw new Error('the synthetic district has too few projects for 李四');
  const withNotes = (count: number) => (p: (typeof mine)[number]) => {
    p.notes = Array.from({ length: count }, (_, k) => ({
      at: '2026-01-01T09:00:00.000+08:00',
      date: addDays('2025-01-01', k) > TODAY ? TODAY : addDays('2025-01-01', k),
      text: `第${k + 1}次进展：已完成土地摘牌，正在办理施工许可，下周进场`,
      by: 'bench',
    }));
  };
  const short = mine.slice(0, SAMPLES);
  const long = mine.slice(SAMPLES);
  short.forEach(withNotes(1));
  long.forEach(withNotes(LONG_HISTORY));
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
      sizes.oneNote.push(await noteBytes((short[i] as (typeof mine)[number]).id));
      sizes.manyNotes.push(await noteBytes((long[i] as (typeof mine)[number]).id));
    }
    return { oneNote: spread(sizes.oneNote).median, manyNotes: spread(sizes.manyNotes).median };
  } finally {
    await dispose();
  }
}

export async function journalLineBench(): Promise<string[]> {
  const { oneNote, manyNotes } = await journalLineSizes();
  const ratio = manyNotes / oneNote;
  return [
    `journal growth for one 进度 note (median of ${SAMPLES} projects each): on a project with 1 note ${oneNote} B, with ${LONG_HISTORY} notes ${manyNotes} B`,
    `  ratio ×${ratio.toFixed(2)} — goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'met' : 'NOT met'}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${(await journalLineBench()).join('\n')}\n`);
}
