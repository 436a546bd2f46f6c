import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cron, { type ScheduledTask } from 'node-cron';
import type { PushKind, PushRun } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import type { Logger } from '../core/logger.ts';
import { boldNames, type PushChannel } from '../delivery/push-channel.ts';
import { PUSH_NAMES } from '../domain/push-kinds.ts';
import { fiveColourPng } from '../picture/five-colour-chart.ts';
import { raceView } from '../race/race-context.ts';
import { rankUnits } from '../race/ranking.ts';
import { readSettings } from '../race/settings.ts';
import { splitByBytes } from '../render/split-bytes.ts';
import { zh } from '../text/zh.ts';
import { type Clock, isoShanghai, localDate, ZONE } from '../time/clock.ts';
import { calendarCovers } from './calendar.ts';
import type { OutboxWorker } from './outbox-worker.ts';
import { type PushContent, pushContent } from './push-content.ts';
import { periodStart } from './report-period.ts';
import { LATE_AFTER_MS, latestDueSlot, SHIFT_BACK } from './schedule.ts';

const SINCE_KEY = 'schedulerSince';

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
}

/**
 * The horse race's pushes: on every minute tick (node-cron, Asia/Shanghai) each kind's latest due slot
 * is run once — on time, or late after downtime — by writing every group's messages to the outbox
 * first and then letting the worker deliver them.
 */
export class PushService {
  private task: ScheduledTask | null = null;
  private ticking: Promise<void> | null = null;

  constructor(private readonly deps: PushServiceDeps) {}

  /** The moment from which missed slots are caught up: the scheduler's first start on this data. */
  private since(): Date {
    const stored = this.deps.store.settingValues()[SINCE_KEY];
    if (typeof stored === 'string') return new Date(stored);
    const now = this.deps.clock.now();
    this.deps.store.setSettings(
      { actor: 'saima', command: 'scheduler', at: now },
      { [SINCE_KEY]: now.toISOString() },
      zh.schedulerSinceSummary,
    );
    return now;
  }

  start(): void {
    const year = Number(isoShanghai(this.deps.clock.now()).slice(0, 4));
    if (!calendarCovers(year)) {
      this.deps.logger.warn('holiday_calendar_missing', {
        year,
        note: zh.holidayCalendarMissing,
      });
    }
    this.deps.worker.recoverInterrupted();
    void this.tick();
    void this.deps.worker.kick();
    this.task = cron.schedule('* * * * *', () => void this.tick(), {
      timezone: ZONE,
      name: 'saima-pushes',
      noOverlap: true,
    });
  }

  async stop(): Promise<void> {
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
    const now = this.deps.clock.now();
    const settings = readSettings(this.deps.store);
    const since = this.since();
    for (const kind of Object.keys(PUSH_NAMES) as PushKind[]) {
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

  /** Writes the run and every group's messages to the store, then lets the worker deliver them. */
  async run(kind: PushKind, slot: Date, trigger: PushRun['trigger']): Promise<PushRun | null> {
    const { store, clock, channels } = this.deps;
    const id = this.runId(kind, slot, trigger === 'manual');
    if (store.pushRun(id)) return null;
    const now = clock.now();
    const view = raceView(store, now);
    const bindings = store.bindings().filter((b) => channels.has(b.platform));
    const items: Parameters<Store['startPushRun']>[2] = [];
    const pictures = new Map<string, string>();
    for (const binding of bindings) {
      const content = pushContent(kind, view, binding.scope);
      const channel = channels.get(binding.platform) as PushChannel;
      let order = 0;
      const mention = content.mention && mentionFor(channel, binding.chatId, content.mention);
      const picture =
        content.picture && channel.canShowPicture?.(binding.chatId) === false ? null : content.picture;
      if (content.picture && !picture) content.replies.at(-1)?.lines.push(zh.pictureNeedsPublicUrl);
      for (const [index, reply] of content.replies.entries()) {
        if (trigger === 'catch-up')
          reply.lines.unshift(zh.catchUpNote(isoShanghai(slot).slice(0, 16).replace('T', ' ')));
        if (index === 0 && mention) reply.lines.push(mention.text);
        const bodies = splitByBytes(channel.renderPush(reply), channel.limit);
        for (const [part, body] of bodies.entries()) {
          // the @ goes with the part that carries the mention line: the last one of the first message
          const ids = index === 0 && part === bodies.length - 1 ? mention?.ids : undefined;
          items.push({
            platform: binding.platform,
            chatId: binding.chatId,
            order: order++,
            title: reply.title.slice(0, 60),
            body,
            image: false,
            ...(ids?.length ? { atUserIds: ids } : {}),
          });
        }
      }
      if (picture) {
        let path = pictures.get(picture.asOf);
        if (!path) {
          const settings = readSettings(store);
          const png = await fiveColourPng(rankUnits(store, picture.asOf, settings), picture.title, settings);
          mkdirSync(this.deps.pictureDir, { recursive: true });
          path = join(this.deps.pictureDir, `${id.replace(/[^A-Za-z0-9@-]/g, '_')}-${picture.asOf}.png`);
          writeFileSync(path, png);
          pictures.set(picture.asOf, path);
        }
        items.push({
          platform: binding.platform,
          chatId: binding.chatId,
          order: order++,
          title: picture.title,
          body: path,
          image: true,
        });
      }
    }
    const run = store.startPushRun(
      { actor: 'saima', command: 'push', at: now },
      { id, kind, slot: isoShanghai(slot), trigger, late: trigger === 'catch-up' },
      items,
    );
    if (run) {
      this.deps.logger.info('push_run', {
        id,
        kind,
        trigger,
        groups: bindings.length,
        messages: items.length,
      });
      void this.deps.worker.kick();
    }
    return run;
  }
}
