import { describe, expect, it } from 'vitest';
import { buildBot } from '../../../src/compose.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { buildDemoDistrict } from '../../../src/demo/build-demo-district.ts';
import { renderPlainText } from '../../../src/render/plain-text.ts';
import { ledgerWorkbookBytes } from '../../../src/workbook/export/ledger-workbook.ts';
import { importReport } from '../../../src/workbook/import/import-report.ts';
import { readLedgerWorkbook } from '../../../src/workbook/import/read-ledger-workbook.ts';
import { runLedgerImport } from '../../../src/workbook/import/run-ledger-import.ts';
import type { Ledger } from '../../../storage/ledger.ts';
import type { StoreDocument } from '../../../storage/schema.ts';
import type { Store } from '../../../storage/store.ts';
import { openTestStore } from '../../helpers/test-store.ts';

const NOW = new Date('2026-11-29T10:00:00+08:00');

function asker(store: Store, account: string) {
  const bot = buildBot({ store, clock: { now: () => NOW }, admins: [], logger: silentLogger });
  return (text: string) =>
    renderPlainText(
      bot.handle({
        platform: 'test',
        messageId: null,
        chatId: null,
        chatType: 'single',
        senderId: account,
        text,
      }),
    );
}

/**
 * The demo district with everything but its projects and this year's trips (what the workbook
 * carries): units, members, targets, settings and task forces, as a bureau has them set up before its first import. Read straight from the document:
 * no store verb hands out the whole of it.
 */
function withoutProjects(store: Store): StoreDocument {
  const doc = (store as unknown as { ledger: Ledger }).ledger.read(
    (d) => structuredClone(d) as StoreDocument,
  );
  doc.projects = {};
  // the workbook carries the year's trips (the export's 外出招商 is one year's): those are left out
  for (const [id, t] of Object.entries(doc.trips)) if (t.date.startsWith('2026')) delete doc.trips[id];
  doc.changes = {};
  doc.messages = {};
  doc.conversations = {};
  for (const id of Object.keys(doc.counters))
    if (id.startsWith('project:') || id === 'trip:2026') delete doc.counters[id];
  return doc;
}

describe('the workbook the export writes (src/workbook/export)', () => {
  it('brings the demo district’s projects, instalments and trips into a ledger without any, and every figure of 上半年总结 and 本月晾晒 comes back the same', async () => {
    const source = await openTestStore();
    const demo = buildDemoDistrict(source, NOW);
    const target = await openTestStore({ initial: withoutProjects(source) });
    expect(target.projects()).toEqual([]);

    const { bytes } = await ledgerWorkbookBytes({
      store: source,
      options: { year: 2026, asOf: '2026-11-29', unitId: null, districtName: '演示区' },
      audit: null,
    });
    const read = await readLedgerWorkbook(bytes, '台账.xlsx');
    expect(read.ignored).toEqual([
      { sheet: '项目台账', columns: ['灯色'] },
      { sheet: '到位资金明细', columns: ['登记人', '登记时间'] },
      { sheet: '外出招商', columns: ['对接企业数', '登记人'] },
    ]);
    const outcome = await runLedgerImport(
      { store: target, admins: new Set(), clock: { now: () => NOW } },
      { as: demo.adminAccount, input: read.input, dryRun: false },
    );
    const report = importReport(outcome, read, '台账.xlsx', false);
    expect(report.slice(0, 2)).toEqual(['已导入「台账.xlsx」：', `新增 ${demo.projects}，更新 0，未变 0`]);
    const thisYear = source.trips((t) => t.date.startsWith('2026'));
    expect(report).toContain(`外出招商：新增 ${thisYear.length}，更新 0，未变 0`);

    const fromSource = asker(source, demo.leaderAccount);
    const fromImport = asker(target, demo.leaderAccount);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(target.trips((t) => t.date.startsWith('2026')).sort(byId)).toEqual(
      thisYear.map((t) => ({ ...t, by: demo.adminAccount, at: expect.any(String) })).sort(byId),
    );
    for (const question of ['上半年总结', '本月晾晒', '全区进度', '在谈超期', '2025年度排名', '季度晾晒']) {
      expect(fromImport(question), question).toBe(fromSource(question));
    }
    // the same lines; projects alike in light and deadline are listed in the order they entered the ledger
    const lines = (text: string) => text.split('\n').sort();
    expect(lines(fromImport('签约未开工'))).toEqual(lines(fromSource('签约未开工')));
    expect(fromImport('上半年总结')).toContain('全区签订正式合同38个');
    // the 编号 of the workbook are kept, and the same file again changes nothing
    expect(
      target
        .projects()
        .map((p) => p.id)
        .sort(),
    ).toEqual(
      source
        .projects()
        .map((p) => p.id)
        .sort(),
    );
    const again = await runLedgerImport(
      { store: target, admins: new Set(), clock: { now: () => NOW } },
      { as: demo.adminAccount, input: read.input, dryRun: false },
    );
    expect(again).toMatchObject({
      kind: 'written',
      added: [],
      updated: [],
      unchanged: demo.projects,
      trips: { added: [], updated: [], unchanged: thisYear.length },
      seq: null,
    });
  });
});
