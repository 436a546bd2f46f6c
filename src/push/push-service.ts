import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cron, { type ScheduledTask } from 'node-cron';
import { durably } from '../../storage/durably.ts';
import { outboxDestination } from '../../storage/outbox.ts';
import type { PushKind, PushRun } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import type { Logger } from '../core/logger.ts';
import { boldNames, type PushChannel } from '../delivery/push-channel.ts';
import { PUSH_NAMES } from '../domain/push-kinds.ts';
import { fiveColourPng } from '../picture/five-colour-chart.ts';
import { raceView } from '../race/race-context.ts';
import { readSettings } from '../race/settings.ts';
import { splitByBytes } from '../render/split-bytes.ts';
import { zh } from '../text/zh.ts';
import { type Clock, isoShanghai, localDate, ZONE } from '../time/clock.ts';
import { nextTurn } from '../time/turn-budget.ts';
import { calendarCovers } from './calendar.ts';
import { DistrictStandings } from './district-standings.ts';
import type { OutboxWorker } from './outbox-worker.ts';
import { type PushContent, pushContent, sharedSteps } from './push-content.ts';
import { periodStart } from './report-period.ts';
import { LATE_AFTER_MS, latestDueSlot, SHIFT_BACK } from './schedule.ts';

const SINCE_KEY = 'schedulerSince';
/** A run's messages are stored at most this many groups, or about this many bytes, per change. */
const CHUNK_GROUPS = 50;
const CHUNK_BYTES = 256 * 1024;

type GroupItem = Parameters<Store['addPushItems']>[2][number];

/** The mention line in the channel's own @ form, or the names in bold where it cannot @. */
function mentionFor(
  channel: PushChannel,
  chatId: string,
  mention: NonNullable<PushContent['mention']>,
): { text: string; ids: string[] } {
  const written = channel.mention?.(chatId, mention.people) ?? { text: boldNames(mention.people), ids: [] };
  return { text: `${mention.lead}${written.text}`, ids: written.ids };
}

export interface PushServiceDeps {
  store: Store;
  clock: Clock;
  worker: OutboxWorker;
  channels: ReadonlyMap<string, PushChannel>;
  /** Where pictures are kept until every group has them. */
  pictureDir: string;
  logger: Logger;
  /**
   * A group another district of the deployment bound too (two instances can race to that): it is
   * nobody's, and gets no district's push until an admin settles it.
   */
  boundElsewhere?: (binding: { platform: string; chatId: string }) => boolean;
}

/**
 * The horse race's pushes: on every minute tick (node-cron, Asia/Shanghai) each kind's latest due slot
 * is run once — on time, or late after downtime — by writing every group's messages to the outbox
 * first and then letting the worker deliver them.
 *
 * With several instances on one database only the leader starts it. Every step waits until it is
 * committed and is made again on the ledger as it now is when another instance committed first; a
 * run is its slot and a group's messages are written once, so a second writer (a new leader
 * finishing what a dead one began) writes nothing twice.
 */
export class PushService {
  private task: ScheduledTask | null = null;
  private ticking: Promise<void> | null = null;
  /** Runs being written now: a second call for the same run waits for nothing and writes nothing. */
  private readonly writing = new Set<string>();
  /** Set by `stop`: scheduled runs being written stop between groups (the next leader finishes them). */
  private stopped = false;

  constructor(private readonly deps: PushServiceDeps) {}

  /** The moment from which missed slots are caught up: the scheduler's first start on this data. */
  private since(): Promise<Date> {
    const { store, clock } = this.deps;
    return durably(store, () => {
      const stored = store.settingValues()[SINCE_KEY];
      if (typeof stored === 'string') return new Date(stored);
      const now = clock.now();
      store.setSettings(
        { actor: 'saima', command: 'scheduler', at: now },
        { [SINCE_KEY]: now.toISOString() },
        zh.schedulerSinceSummary,
      );
      return now;
    });
  }

  /** Runs what is due now and every minute from now on; the worker is started (`resume`) by the caller. */
  start(): void {
    this.stopped = false;
    const year = Number(isoShanghai(this.deps.clock.now()).slice(0, 4));
    if (!calendarCovers(year)) {
      this.deps.logger.warn('holiday_calendar_missing', {
        year,
        note: zh.holidayCalendarMissing,
      });
    }
    void this.tick();
    this.task = cron.schedule('* * * * *', () => void this.tick(), {
      timezone: ZONE,
      name: 'saima-pushes',
      noOverlap: true,
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.task?.stop();
    await this.task?.destroy();
    this.task = null;
    await this.ticking;
  }

  /** Runs every kind whose latest due slot has no run yet; safe to call at any time, any number of times. */
  tick(): Promise<void> {
    if (!this.ticking) {
      this.ticking = this.dueRuns().finally(() => {
        this.ticking = null;
      });
    }
    return this.ticking;
  }

  private async dueRuns(): Promise<void> {
    await this.resumeUnfinished().catch((e: unknown) =>
      this.deps.logger.error('push_run_failed', { error: (e as Error).stack ?? String(e) }),
    );
    const now = this.deps.clock.now();
    const settings = readSettings(this.deps.store);
    const since = await this.since();
    for (const kind of Object.keys(PUSH_NAMES) as PushKind[]) {
      if (this.stopped) return;
      const slot = latestDueSlot(settings.pushSchedules[kind], now, {
        shiftToWorkday: settings.shiftToWorkday,
        since,
        back: SHIFT_BACK.has(kind),
      });
      if (!slot) continue;
      const late = now.getTime() - slot.getTime() > LATE_AFTER_MS;
      // a reminder caught up after its cut-off has passed reminds nobody of anything
      if (SHIFT_BACK.has(kind) && late && periodStart(localDate(now)) !== periodStart(localDate(slot)))
        continue;
      try {
        await this.run(kind, slot, late ? 'catch-up' : 'schedule');
      } catch (e) {
        this.deps.logger.error('push_run_failed', { kind, error: (e as Error).stack ?? String(e) });
      }
    }
    // not awaited: with replies coming in, a chat's delivery loop may never be idle, and the next tick must run
    void this.deps.worker.kick();
  }

  runId(kind: PushKind, slot: Date, manual = false): string {
    return `${kind}@${isoShanghai(slot).slice(0, 16)}${manual ? '-manual' : ''}`;
  }

  /**
   * Writes the run and every group's messages to the store, then lets the worker deliver them. Null
   * when the slot has run already (or is being written right now).
   */
  run(kind: PushKind, slot: Date, trigger: PushRun['trigger']): Promise<PushRun | null> {
    const id = this.runId(kind, slot, trigger === 'manual');
    return this.once(id, async () => {
      const { store, clock } = this.deps;
      // one run per slot: made again after another instance's commit, it finds theirs
      const run = await durably(store, () => {
        const existing = store.pushRun(id);
        if (existing) return existing.writing ? existing : null;
        return store.beginPushRun(this.meta(clock.now()), {
          id,
          kind,
          slot: isoShanghai(slot),
          trigger,
          late: trigger === 'catch-up',
        });
      });
      return run ? this.write(run) : null;
    });
  }

  /** Runs a crash left half-written (a manual one too): finished with the groups that have nothing from them yet. */
  async resumeUnfinished(): Promise<void> {
    for (const run of this.deps.store.pushRuns().filter((r) => r.writing)) {
      this.deps.logger.warn('push_run_resumed', { id: run.id, messages: run.deliveries });
      await this.once(run.id, () => this.write(run));
    }
  }

  private once(id: string, write: () => Promise<PushRun | null>): Promise<PushRun | null> {
    if (this.writing.has(id)) return Promise.resolve(null);
    this.writing.add(id);
    return write().finally(() => this.writing.delete(id));
  }

  private meta(at: Date) {
    return { actor: 'saima', command: 'push', at };
  }

  /**
   * Every group's content is derived from one `DistrictStandings`, the event loop gets a turn after
   * each group, and the messages are stored a few groups at a time: no single block of work, and no
   * single change, grows with the number of groups. A group's messages are stored together, so a
   * group a crash interrupted has all of them or none, and the rerun writes exactly the groups
   * that have none.
   */
  private async write(run: PushRun): Promise<PushRun | null> {
    const { store, clock, channels } = this.deps;
    // as of the run's start, also when a restart finishes it on another day
    const view = raceView(store, new Date(run.createdAt));
    const standings = new DistrictStandings(view);
    const written = new Set(store.outboxOfRun(run.id).map(outboxDestination));
    const bindings = store
      .bindings()
      .filter((b) => channels.has(b.platform) && !written.has(outboxDestination(b)))
      .filter((b) => !this.deps.boundElsewhere?.(b));
    for (const step of sharedSteps(run.kind, view, standings)) {
      step();
      await nextTurn();
    }
    const pictures = new Map<string, string>();
    let chunk: GroupItem[] = [];
    let groups = 0;
    let bytes = 0;
    const flush = async () => {
      const items = chunk;
      chunk = [];
      groups = 0;
      bytes = 0;
      // a group that has messages of this run already is skipped: made again, the step adds none twice
      if (items.length) await durably(store, () => store.addPushItems(this.meta(clock.now()), run.id, items));
    };
    for (const binding of bindings) {
      // no longer the leader: the next one finishes the run with the groups that have nothing yet
      if (this.stopped && run.trigger !== 'manual') return null;
      const content = pushContent(run.kind, view, binding.scope, standings);
      const items = this.groupItems(run, binding, content);
      if (content.picture && !items.noPicture) {
        const path = await this.picture(run, content.picture, standings, pictures);
        items.list.push({
          platform: binding.platform,
          chatId: binding.chatId,
          order: items.list.length,
          title: content.picture.title,
          body: path,
          image: true,
        });
      }
      const size = items.list.reduce((n, i) => n + Buffer.byteLength(i.body) + Buffer.byteLength(i.title), 0);
      if (groups >= CHUNK_GROUPS || (groups > 0 && bytes + size > CHUNK_BYTES)) await flush();
      chunk.push(...items.list);
      groups++;
      bytes += size;
      await nextTurn();
    }
    await flush();
    const finished = await durably(store, () => store.finishPushRun(this.meta(clock.now()), run.id));
    if (finished) {
      this.deps.logger.info('push_run', {
        id: run.id,
        kind: run.kind,
        trigger: run.trigger,
        groups: bindings.length + written.size,
        messages: finished.deliveries,
      });
      void this.deps.worker.kick();
    }
    return finished;
  }

  /** One group's text messages, split at its platform's limit; the @ goes with the part that carries it. */
  private groupItems(
    run: PushRun,
    binding: { platform: string; chatId: string },
    content: PushContent,
  ): { list: GroupItem[]; noPicture: boolean } {
    const channel = this.deps.channels.get(binding.platform) as PushChannel;
    const list: GroupItem[] = [];
    const mention = content.mention && mentionFor(channel, binding.chatId, content.mention);
    const noPicture = content.picture !== null && channel.canShowPicture?.(binding.chatId) === false;
    if (noPicture) content.replies.at(-1)?.lines.push(zh.pictureNeedsPublicUrl);
    for (const [index, reply] of content.replies.entries()) {
      if (run.trigger === 'catch-up')
        reply.lines.unshift(zh.catchUpNote(isoShanghai(new Date(run.slot)).slice(0, 16).replace('T', ' ')));
      if (index === 0 && mention) reply.lines.push(mention.text);
      const bodies = splitByBytes(channel.renderPush(reply), channel.limit);
      for (const [part, body] of bodies.entries()) {
        // the @ goes with the part that carries the mention line: the last one of the first message
        const ids = index === 0 && part === bodies.length - 1 ? mention?.ids : undefined;
        list.push({
          platform: binding.platform,
          chatId: binding.chatId,
          order: list.length,
          title: reply.title.slice(0, 60),
          body,
          image: false,
          ...(ids?.length ? { atUserIds: ids } : {}),
        });
      }
    }
    return { list, noPicture };
  }

  /**
   * The run's picture as of a date, rendered once for every group that gets it; a rerun after a crash
   * reuses the file the groups written before it already point to.
   */
  private async picture(
    run: PushRun,
    picture: NonNullable<PushContent['picture']>,
    standings: DistrictStandings,
    rendered: Map<string, string>,
  ): Promise<string> {
    const known = rendered.get(picture.asOf);
    if (known) return known;
    const path = join(this.deps.pictureDir, `${run.id.replace(/[^A-Za-z0-9@-]/g, '_')}-${picture.asOf}.png`);
    if (!existsSync(path)) {
      const png = await fiveColourPng(
        standings.ranking(picture.asOf),
        picture.title,
        readSettings(this.deps.store),
      );
      mkdirSync(this.deps.pictureDir, { recursive: true });
      // whole or not at all: a group's message may be reading it while a rerun looks
      writeFileSync(`${path}.tmp`, png);
      renameSync(`${path}.tmp`, path);
    }
    rendered.set(picture.asOf, path);
    return path;
  }
}
