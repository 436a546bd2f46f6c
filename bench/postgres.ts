import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildBot } from '../src/compose.ts';
import type { Bot } from '../src/core/bot.ts';
import { silentLogger } from '../src/core/logger.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import type { Persistence } from '../storage/persistence.ts';
import { DEFAULT_STREAM, PgPersistence } from '../storage/pg/pg-persistence.ts';
import { Store } from '../storage/store.ts';
import { writePgStream } from '../storage/store-migration-pg.ts';
import { benchDir, benchMessage } from './bench-bot.ts';
import { type BenchDatabase, benchDatabase, commitFloor } from './bench-postgres.ts';
import { alternate, type Compared, measure, ms, ratioText, type Spread, spread } from './measure.ts';
import { quantile, ReporterLoad } from './reporter-load.ts';
import { syntheticDistrict } from './synthetic-district.ts';

const NOW = new Date('2026-11-29T10:00:00+08:00');
const TODAY = '2026-11-29';
const SIZE = { projects: 5_000, units: 60, notes: 100_000, instalments: 20_000 };
const REPORTERS = 200;
/** One more member, reporting alone: the latency of one acknowledged write with nothing to share it. */
const SOLO = REPORTERS + 1;
const ROUND_SECONDS = 5;
const SOLO_SECONDS = 2;
const ROUNDS = 5;

interface Engine {
  name: string;
  open(): Persistence;
  store: Store | null;
  bot: Bot | null;
  load: ReporterLoad;
  solo: ReporterLoad;
  /** Every acknowledgement's latency in the measured rounds of 200 reporters, ms. */
  latencies: number[];
}

async function start(engine: Engine): Promise<Bot> {
  const store = await Store.open(engine.open());
  engine.store = store;
  // the flood gate allows a member 30 a minute; this is a stress of the store, so it is opened wide
  engine.bot = buildBot({
    store,
    clock: { now: () => NOW },
    admins: [],
    logger: silentLogger,
    memberMessagesPerMinute: 1_000_000,
  });
  return engine.bot;
}

async function stop(engine: Engine): Promise<void> {
  await engine.store?.close();
  engine.store = null;
  engine.bot = null;
}

/**
 * Runs `work` with only this engine's district open: it is opened first and closed after (its
 * background snapshot finished), so neither engine's leftovers run in the other's round, and the
 * process holds one district at a time.
 */
async function alone<T>(engine: Engine, work: (bot: Bot) => Promise<T>): Promise<T> {
  const bot = await start(engine);
  try {
    return await work(bot);
  } finally {
    await stop(engine);
  }
}

/** One round of the 200 reporters: acknowledged writes per second. */
async function writesPerSecond(engine: Engine, bot: Bot, keep: boolean): Promise<number> {
  const round = await engine.load.round(() => bot, ROUND_SECONDS);
  if (keep) engine.latencies.push(...round.latencies);
  return round.acknowledged / round.seconds;
}

/** One member alone, each progress note awaited: the median time to acknowledge one write. */
async function soloLatency(engine: Engine, bot: Bot): Promise<number> {
  return spread((await engine.solo.round(() => bot, SOLO_SECONDS)).latencies).median;
}

/** 「本月晾晒」 for the whole district, read from the ledger in memory: the median of a few. */
async function rankingTime(bot: Bot): Promise<number> {
  return (await measure(() => bot.handle(benchMessage('zhangsan', '本月晾晒')), 10, 2)).median;
}

/**
 * The same question through the pipeline a platform uses: a message that writes nothing is, on a
 * shared database, answered once the instance has asked for other instances' changes.
 */
async function answeredRankingTime(bot: Bot): Promise<number> {
  return (await measure(() => bot.answerDurably(benchMessage('zhangsan', '本月晾晒')), 10, 2)).median;
}

/** Opening the district (its snapshot, and the journal since), then closing it again. */
async function startUp(engine: Engine): Promise<number> {
  const t = performance.now();
  await start(engine);
  const took = performance.now() - t;
  await stop(engine);
  return took;
}

const spreadText = (s: Spread, unit: (n: number) => string) =>
  `${unit(s.median)} (rounds ${unit(s.min)}–${unit(s.max)})`;
const perSecond = (n: number) => `${n.toFixed(0)}/s`;

function compareLine(what: string, c: Compared, unit: (n: number) => string): string {
  return `  ${what}: embedded ${spreadText(c.baseline, unit)}, PostgreSQL ${spreadText(c.subject, unit)}, PostgreSQL ÷ embedded ${ratioText(c.ratio)}`;
}

/**
 * The ledger on PostgreSQL beside the embedded files, in the same run on the same 5,000-project
 * district: acknowledged writes per second under 200 reporters, one write's acknowledgement alone,
 * 「本月晾晒」, and opening the district; then two instances on one database (in this one process).
 */
async function measureBoth(database: BenchDatabase): Promise<string[]> {
  const document = syntheticDistrict({ ...SIZE, members: SOLO }, TODAY);
  const dir = benchDir();
  writeFileSync(join(dir, 'saima.json'), JSON.stringify(document));
  // the district as migrate-store writes a data directory's into an empty stream: as its snapshot
  await writePgStream(database.url, DEFAULT_STREAM, document, (async function* () {})());
  const engine = (name: string, open: () => Persistence): Engine => ({
    name,
    open,
    store: null,
    bot: null,
    load: new ReporterLoad(document, REPORTERS, SIZE.units),
    // progress notes only: the solo member's unit is shared with reporters whose funds it must not repeat
    solo: new ReporterLoad(document, SOLO, SIZE.units, { only: SOLO - 1, funds: false }),
    latencies: [],
  });
  const embedded = engine('embedded', () => new FilePersistence(dir));
  const postgres = engine('postgres', () => new PgPersistence({ url: database.url }));
  const lines: string[] = [];
  try {
    // the district's snapshot alone first, then the reading while both ledgers are still the same
    const opening = await alternate(
      () => startUp(embedded),
      () => startUp(postgres),
      { rounds: 3 },
    );
    const ranking = await alternate(
      () => alone(embedded, rankingTime),
      () => alone(postgres, rankingTime),
      { rounds: ROUNDS },
    );
    const answered = await alternate(
      () => alone(embedded, answeredRankingTime),
      () => alone(postgres, answeredRankingTime),
      { rounds: ROUNDS },
    );
    const floors: number[] = [];
    const solo = await alternate(
      () => alone(embedded, (bot) => soloLatency(embedded, bot)),
      async () => {
        const latency = await alone(postgres, (bot) => soloLatency(postgres, bot));
        floors.push(await commitFloor(database.url));
        return latency;
      },
      { rounds: ROUNDS },
    );
    let round = 0;
    const writes = await alternate(
      () => alone(embedded, (bot) => writesPerSecond(embedded, bot, round > 0)),
      () => alone(postgres, (bot) => writesPerSecond(postgres, bot, round++ > 0)),
      { rounds: ROUNDS },
    );
    const two = await twoInstances(postgres);
    const p = (e: Engine, q: number) => ms(quantile(e.latencies, q));
    lines.push(
      `PostgreSQL beside the embedded store, same run, same ${SIZE.projects}-project district (alternating rounds after a warm-up each, each round with only its engine's district open):`,
      compareLine('opening the district from its snapshot', opening, ms),
      compareLine('「本月晾晒」 reply (the ledger in memory, either way)', ranking, ms),
      compareLine(
        '「本月晾晒」 answered as a platform message is (PostgreSQL first asks for other instances’ changes)',
        answered,
        ms,
      ),
      compareLine('one member alone, one 进度 acknowledged (p50 of a round)', solo, ms),
      `    the floor on this server, one one-row INSERT committed (its WAL flush): p50 ${spreadText(spread(floors), ms)}`,
      compareLine(
        `${REPORTERS} reporters, each message awaited, ${ROUND_SECONDS} s a round: acknowledged writes`,
        writes,
        perSecond,
      ),
      `    arrival to acknowledgement over those rounds: embedded p50 ${p(embedded, 0.5)}, p99 ${p(embedded, 0.99)}; PostgreSQL p50 ${p(postgres, 0.5)}, p99 ${p(postgres, 0.99)}`,
      `  two instances on the one database, in this one process (they share its CPU), ${REPORTERS} reporters each message to either at random, ${ROUND_SECONDS} s: ${perSecond(two.perSecond)} acknowledged, every one saved`,
    );
    return lines;
  } finally {
    await stop(embedded).catch(() => undefined);
    await stop(postgres).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Two stores on the same database taking the reporters' messages at random: none may go unsaved. */
async function twoInstances(postgres: Engine): Promise<{ perSecond: number }> {
  const one: Engine = { ...postgres, store: null, bot: null };
  const two: Engine = { ...postgres, store: null, bot: null };
  try {
    const a = await start(one);
    const b = await start(two);
    const round = await postgres.load.round(() => (Math.random() < 0.5 ? a : b), ROUND_SECONDS);
    return { perSecond: round.acknowledged / round.seconds };
  } finally {
    await stop(one);
    await stop(two);
  }
}

export async function postgresBench(): Promise<string[]> {
  const database = await benchDatabase();
  if ('skipped' in database) return [`PostgreSQL beside the embedded store: skipped — ${database.skipped}`];
  try {
    return await measureBoth(database);
  } finally {
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${(await postgresBench()).join('\n')}\n`);
}
