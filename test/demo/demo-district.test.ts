import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { buildDemoDistrict } from '../../src/demo/build-demo-district.ts';
import { rankUnits } from '../../src/race/ranking.ts';
import { readSettings } from '../../src/race/settings.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { output, runEntry } from '../helpers/server-process.ts';
import { itEmbeddedOnly, journalOf, openTestStore } from '../helpers/test-store.ts';

const SEED_FIGURES = [
  '全区签订正式合同38个',
  '完成区政府工作报告目标的95%',
  '正式合同额64.1亿元',
  '市级下达正式合同额目标的53.4%',
  '区级正式合同额M0目标的40%',
  '累计认定开工项目53个',
  '近三年签约项目开工率40.2%',
  '到位资金6.1亿元',
  '区领导带队外出招商24次',
  '对接企业45家',
  '签约未开工项目29个',
];

async function demoAt(iso: string) {
  const store = await openTestStore();
  const now = new Date(iso);
  const demo = buildDemoDistrict(store, now);
  const bot = buildBot({ store, clock: { now: () => now }, admins: [], logger: silentLogger });
  const say = (text: string, as = demo.leaderAccount) =>
    renderPlainText(
      bot.handle({ platform: 'test', messageId: null, chatId: null, chatType: 'single', senderId: as, text }),
    );
  return { store, demo, say, now };
}

describe('the demo district', () => {
  it('reproduces every figure of the seed report for the first half of this year', async () => {
    const { say, demo } = await demoAt('2026-11-29T10:00:00+08:00');
    expect(demo.year).toBe(2026);
    const summary = say('上半年总结');
    for (const figure of SEED_FIGURES) expect(summary).toContain(figure);
    expect(summary).toMatch(
      /^上半年，全区签订正式合同38个，完成区政府工作报告目标的95%；正式合同额64\.1亿元，分别完成/m,
    );
  });

  it('uses last year when the first half of this year is not over yet', async () => {
    const { say, demo } = await demoAt('2027-03-15T10:00:00+08:00');
    expect(demo.year).toBe(2026);
    const summary = say('2026年上半年总结');
    for (const figure of SEED_FIGURES) expect(summary).toContain(figure);
  });

  it('works on the very first day after the half year', async () => {
    const { say } = await demoAt('2026-07-01T08:00:00+08:00');
    for (const figure of SEED_FIGURES) expect(say('上半年总结')).toContain(figure);
  });

  it('spreads the units over all five colours and answers every question', async () => {
    const { store, say } = await demoAt('2026-11-29T10:00:00+08:00');
    const colours = new Set(
      rankUnits(store, '2026-11-29', readSettings(store)).standings.map((s) => s.colour),
    );
    expect(colours).toEqual(new Set(['green', 'blue', 'yellow', 'orange', 'red', null]));
    expect(say('本月晾晒')).toMatch(/2026年11月晾晒[\s\S]*红榜[\s\S]*黑榜/);
    expect(say('全区进度')).toMatch(/正式合同额[\s\S]*市级目标 120亿元/);
    expect(say('签约未开工')).toMatch(/项目调度清单：签约未开工 \d+ 个/);
    expect(say('在谈超期')).toMatch(/在谈超期预警/);
    expect(say('专班进度 铝产业')).toMatch(/链长：王建国/);
    expect(say('单位进度 工业园区管委会')).toMatch(/工业园区管委会进度[\s\S]*第 \d+ 名/);
    expect(say('领导外出 王建国')).toMatch(/王建国 2026年带队外出招商 \d+ 次/);
    expect(say('英雄榜')).toMatch(/【2025年上榜】单位 3 个[\s\S]*个人 6 名/);
  });

  it('writes progress notes that fit each project’s stage: nothing is roofed or on trial runs before it starts', async () => {
    const { store } = await demoAt('2026-11-29T10:00:00+08:00');
    const postStart = /封顶|试生产|调试|投产|设备陆续进场/;
    const notStarted = store.projects((p) => p.start === null);
    const notes = notStarted.flatMap((p) => p.notes.map((n) => `${p.id}（${p.stage}）：${n.text}`));
    expect(notes.length).toBeGreaterThan(20);
    expect(notes.filter((n) => postStart.test(n))).toEqual([]);
    const started = store.projects((p) => p.start !== null).flatMap((p) => p.notes.map((n) => n.text));
    expect(started.some((t) => postStart.test(t))).toBe(true);
  });

  it('is made through the store verbs: every change is in the journal', async () => {
    const store = await openTestStore();
    buildDemoDistrict(store, new Date('2026-11-29T10:00:00+08:00'));
    const journal = await journalOf(store);
    expect(journal.length).toBe(store.seq);
    expect(new Set(journal.map((r) => r.command))).toContain('register-signing');
  });
});

describe('npm run demo and npm run chat', () => {
  itEmbeddedOnly('fills an empty directory, then a leader asks for the half-year summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-demo-'));
    const env = { SAIMA_DATA_DIR: dir, SAIMA_NOW: '2026-11-29T10:00:00+08:00' };
    const demo = await output(runEntry('scripts/demo.ts', [], env));
    expect(demo.code).toBe(0);
    const chat = await output(runEntry('src/chat-cli.ts', ['--as', 'wangjianguo', '上半年总结'], env));
    expect(chat.code).toBe(0);
    for (const figure of SEED_FIGURES) expect(chat.stdout).toContain(figure);
  });

  itEmbeddedOnly('refuses a directory that already has data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-demo-'));
    writeFileSync(join(dir, 'saima.json'), '{}');
    const demo = await output(runEntry('scripts/demo.ts', [], { SAIMA_DATA_DIR: dir }));
    expect(demo.code).toBe(1);
    expect(demo.stderr).toMatch(/不是空的/);
  });
});
