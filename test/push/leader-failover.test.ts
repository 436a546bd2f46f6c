import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULES } from '../../src/domain/push-kinds.ts';
import { isoShanghai } from '../../src/time/clock.ts';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import type { OutboxItem } from '../../storage/schema.ts';
import { Store } from '../../storage/store.ts';
import { fakeWecom } from '../helpers/fake-wecom.ts';
import { type FreshDatabase, freshDatabase } from '../helpers/postgres.ts';
import { output, runEntry } from '../helpers/server-process.ts';
import { WECOM_AES_KEY, WECOM_TOKEN } from '../helpers/wecom-client.ts';

const GROUPS = ['g1', 'g2'];

/** Where each group's ledger is: one district on the default stream, or two districts each with a group. */
interface Layout {
  name: string;
  env: Record<string, string>;
  ledgers: Array<{ stream: string | undefined; project: string; groups: string[] }>;
}
const LAYOUTS: Layout[] = [
  {
    name: 'one district',
    env: { SAIMA_ADMINS: 'admin' },
    ledgers: [{ stream: undefined, project: '再生铝项目', groups: GROUPS }],
  },
  {
    name: 'two districts and the city',
    env: { SAIMA_DISTRICTS: 'gaoxin:高新区:admin,jingkai:经开区:admin2', SAIMA_CITY_ADMINS: 'mayor' },
    ledgers: [
      { stream: 'district:gaoxin', project: '高新再生铝项目', groups: ['g1'] },
      { stream: 'district:jingkai', project: '经开储能项目', groups: ['g2'] },
    ],
  },
];
const meta = () => ({ actor: 'admin', command: 'test', at: new Date() });

let db: FreshDatabase;
let wecom: Awaited<ReturnType<typeof fakeWecom>>;
const running: ChildProcess[] = [];

/** A server process on the test database, with every log line it wrote and when the test saw it. */
interface Instance {
  name: string;
  child: ChildProcess;
  events: Array<{ event: string; seenAt: number }>;
}

let layout: Layout;

function env(): Record<string, string> {
  return {
    ...layout.env,
    SAIMA_DATABASE_URL: db.url,
    WECOM_TOKEN,
    WECOM_ENCODING_AES_KEY: WECOM_AES_KEY,
    WECOM_API_BASE: wecom.base,
    WECOM_WEBHOOK_KEYS: GROUPS.map((g) => `${g}=key-${g}`).join(','),
  };
}

async function startInstance(name: string): Promise<Instance> {
  const dataDir = mkdtempSync(join(tmpdir(), `saima-${name}-`));
  const child = runEntry('src/main.ts', [], { SAIMA_DATA_DIR: dataDir, PORT: '0', ...env() });
  running.push(child);
  const instance: Instance = { name, child, events: [] };
  let pending = '';
  child.stderr?.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        instance.events.push({ event: (JSON.parse(line) as { event: string }).event, seenAt: Date.now() });
      } catch {
        instance.events.push({ event: line, seenAt: Date.now() });
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (instance.events.some((e) => e.event === 'started')) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`${name} exited with ${code}: ${instance.events.map((e) => e.event).join('\n')}`));
    });
  });
  return instance;
}

const saw = (instance: Instance, event: string) => instance.events.filter((e) => e.event === event);

/** Opens the ledger as one more instance would, for a look or a change, and closes it again. */
async function withLedger<T>(fn: (store: Store) => T | Promise<T>, stream?: string): Promise<T> {
  const store = await Store.open(new PgPersistence({ url: db.url, stream }));
  try {
    const result = await fn(store);
    await store.durable();
    return result;
  } finally {
    await store.close();
  }
}

/** The minute `slot` (Asia/Shanghai) as a cron line for 每月通报; every other push never falls due. */
function monthlyAt(slot: Date): Record<string, unknown> {
  const [, month, day, hour, minute] = /^\d{4}-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(isoShanghai(slot)) ?? [];
  const never = '0 3 29 2 *';
  const schedules = Object.fromEntries(Object.keys(DEFAULT_SCHEDULES).map((kind) => [kind, never]));
  return {
    pushSchedules: {
      ...schedules,
      monthly: `${Number(minute)} ${Number(hour)} ${Number(day)} ${Number(month)} *`,
    },
    shiftToWorkday: false,
  };
}

/** What the run of that slot queued in every ledger, once written and nothing of it is still to go. */
async function settledRuns(slot: Date): Promise<OutboxItem[]> {
  const all: OutboxItem[] = [];
  for (const { stream } of layout.ledgers) all.push(...(await settledRun(slot, stream)));
  return all;
}

/** Sets the schedule in every ledger. */
async function scheduleAll(settings: Record<string, unknown>): Promise<void> {
  for (const { stream } of layout.ledgers)
    await withLedger((store) => store.setSettings(meta(), settings, 'test schedule'), stream);
}

/** Every group got its own district's push only. */
function eachGroupItsOwn(): void {
  for (const { groups, project } of layout.ledgers) {
    const others = layout.ledgers.filter((l) => l.project !== project).map((l) => l.project);
    for (const group of groups) {
      const texts = wecom.pushes
        .filter((p) => p.key === `key-${group}`)
        .map((p) => p.body.markdown?.content ?? '');
      expect(texts.join('\n'), group).toContain(project);
      for (const other of others) expect(texts.join('\n'), group).not.toContain(other);
    }
  }
}

/** What the run of that slot queued, once it is written and nothing of it is still to go. */
async function settledRun(slot: Date, stream?: string): Promise<OutboxItem[]> {
  const id = `monthly@${isoShanghai(slot).slice(0, 16)}`;
  let items: OutboxItem[] = [];
  await expect
    .poll(
      async () => {
        items = await withLedger(
          (store) => (store.pushRun(id)?.writing === false ? store.outboxOfRun(id) : []),
          stream,
        );
        return items.length > 0 && items.every((i) => i.status === 'sent');
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBe(true);
  return items;
}

const minute = 60_000;

async function fill(): Promise<void> {
  db = await freshDatabase();
  wecom = await fakeWecom();
  for (const { stream, project, groups } of layout.ledgers)
    await withLedger((store) => {
      const unit = store.addUnit(meta(), { name: '工业园区管委会', type: '园区' });
      store.registerSigning(
        meta(),
        { create: { name: project, unitId: unit.id } },
        {
          type: '正式合同',
          date: isoShanghai(new Date()).slice(0, 10),
          amountWan: 10_000,
          startDeadline: '2030-06-30',
        },
      );
      for (const chatId of groups)
        store.bindChat(meta(), { platform: 'wecom', chatId, scope: { kind: 'district' } });
    }, stream);
}

async function empty(): Promise<void> {
  for (const child of running.splice(0)) {
    child.kill('SIGKILL');
    await output(child);
  }
  await wecom.close();
  await db.drop();
}

describe.each(LAYOUTS)('two server processes on one PostgreSQL database, $name', (given) => {
  beforeEach(async () => {
    layout = given;
    await fill();
  });
  afterEach(empty);

  it('send the scheduled push of the period once: only the leader runs the scheduler', {
    timeout: 90_000,
  }, async () => {
    // the slot of the minute now, due as the instances start (the scheduler counts from an hour ago)
    const slot = new Date(Math.floor(Date.now() / minute) * minute);
    await scheduleAll({
      ...monthlyAt(slot),
      schedulerSince: new Date(slot.getTime() - 3600_000).toISOString(),
    });
    const [a, b] = await Promise.all([startInstance('a'), startInstance('b')]);
    const items = await settledRuns(slot);
    // time for a second sender, were there one
    await new Promise((r) => setTimeout(r, 3_000));
    expect(saw(a, 'leader_acquired').length + saw(b, 'leader_acquired').length).toBe(1);
    expect(wecom.pushes).toHaveLength(items.length);
    const seen = wecom.pushes.map((p) => `${p.key}|${p.body.markdown?.content}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(wecom.pushes.map((p) => p.key))).toEqual(new Set(GROUPS.map((g) => `key-${g}`)));
    eachGroupItsOwn();
  });

  it('when the leader is killed just before a slot, the other takes over and sends it once', {
    timeout: 150_000,
  }, async () => {
    const a = await startInstance('a');
    expect(saw(a, 'leader_acquired')).toHaveLength(1);
    const b = await startInstance('b');
    expect(saw(b, 'leader_acquired')).toHaveLength(0);
    // the next minute with time to set it up; the leader dies 3 s before it
    const slot = new Date(Math.ceil((Date.now() + 12_000) / minute) * minute);
    await scheduleAll(monthlyAt(slot));
    await new Promise((r) => setTimeout(r, slot.getTime() - 3_000 - Date.now()));
    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    await output(a.child);
    await expect.poll(() => saw(b, 'leader_acquired').length, { timeout: 30_000, interval: 20 }).toBe(1);
    const takeoverMs = (saw(b, 'leader_acquired')[0]?.seenAt ?? 0) - killedAt;
    const items = await settledRuns(slot);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(wecom.pushes).toHaveLength(items.length);
    eachGroupItsOwn();
    // nothing reached the groups before the leader died: it was the new leader that sent the slot
    expect(wecom.pushes.every((p) => p.at >= killedAt)).toBe(true);
    const seen = wecom.pushes.map((p) => `${p.key}|${p.body.markdown?.content}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(takeoverMs).toBeLessThan(30_000);
    console.log(`leader takeover after kill -9: ${takeoverMs} ms; slot sent ${wecom.pushes.length} messages`);
  });
});
