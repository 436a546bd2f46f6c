import { beforeAll, describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Reply } from '../../src/core/reply.ts';
import { buildDemoDistrict } from '../../src/demo/build-demo-district.ts';
import { formatQuantity } from '../../src/domain/indicator-catalogue.ts';
import { sumWan } from '../../src/domain/money.ts';
import { COLOUR_WORD } from '../../src/race/colours.ts';
import { formatPercent } from '../../src/race/format.ts';
import { RANKED } from '../../src/race/ranking.ts';
import { zh } from '../../src/text/zh.ts';
import {
  HEADER_ROW,
  INSTALMENT_COLUMNS,
  PROJECT_HEADERS as P,
  PROJECT_COLUMNS,
  SHEET_NAMES,
} from '../../src/workbook/columns.ts';
import { ledgerWorkbookBytes } from '../../src/workbook/export/ledger-workbook.ts';
import type { Store } from '../../storage/store.ts';
import { openTestStore } from '../helpers/test-store.ts';
import { fillOf, headersOf, readWorkbook, rowsOf, sheet, shownDate, valuesOf } from '../helpers/workbook.ts';

const NOW = new Date('2026-11-29T10:00:00+08:00');
const TODAY = '2026-11-29';

let store: Store;
let say: (text: string, as: string) => Reply;
let leader: string;

beforeAll(async () => {
  store = await openTestStore();
  const demo = buildDemoDistrict(store, NOW);
  leader = demo.leaderAccount;
  const bot = buildBot({ store, clock: { now: () => NOW }, admins: [], logger: silentLogger });
  say = (text, as) =>
    bot.handle({ platform: 'test', messageId: null, chatId: null, chatType: 'single', senderId: as, text });
});

async function exported(options: { year?: number; asOf?: string; unitId?: string | null } = {}) {
  const { bytes, counts } = await ledgerWorkbookBytes({
    store,
    options: {
      year: options.year ?? 2026,
      asOf: options.asOf ?? TODAY,
      unitId: options.unitId ?? null,
      districtName: '正阳区',
    },
    audit: null,
  });
  return { workbook: await readWorkbook(bytes), counts };
}

describe('the 台账 workbook of the demo district', () => {
  it('has the five sheets, each with the title row, frozen headers and an autofilter over its rows', async () => {
    const { workbook } = await exported();
    expect(workbook.worksheets.map((w) => w.name)).toEqual(Object.values(SHEET_NAMES));
    for (const ws of workbook.worksheets) {
      expect(String(ws.getCell(1, 1).value)).toContain('正阳区 2026 年招商引资项目台账（截至 2026-11-29）');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
      expect(ws.autoFilter).toMatch(
        new RegExp(`^A${HEADER_ROW}:[A-Z]+${Math.max(ws.rowCount, HEADER_ROW)}$`),
      );
      expect(ws.getColumn(2).width).toBeGreaterThan(8);
    }
    const projects = sheet(workbook, SHEET_NAMES.projects);
    expect(headersOf(projects)).toEqual(PROJECT_COLUMNS.map((c) => c.header));
    expect(headersOf(sheet(workbook, SHEET_NAMES.instalments))).toEqual(
      INSTALMENT_COLUMNS.map((c) => c.header),
    );
  });

  it('writes every project once, amounts as numbers in 万元 and dates as real dates', async () => {
    const { workbook, counts } = await exported();
    const rows = valuesOf(sheet(workbook, SHEET_NAMES.projects));
    const all = store.projects();
    expect(rows).toHaveLength(all.length);
    expect(counts.projects).toBe(all.length);
    for (const p of all) {
      const row = rows.find((r) => r[P.id] === p.id);
      expect(row?.[P.name]).toBe(p.name);
      expect(row?.[P.stage]).toBe(p.stage);
      expect(row?.[P.unit]).toBe(store.unit(p.unitId)?.name);
      expect(row?.[P.contractAmountWan] ?? null).toBe(p.signing?.amountWan ?? null);
      expect(shownDate(row?.[P.signingDate] ?? null)).toBe(p.signing?.date ?? null);
      expect(shownDate(row?.[P.startDeadline] ?? null)).toBe(p.signing?.startDeadline ?? null);
      expect(shownDate(row?.[P.startDate] ?? null)).toBe(p.start?.date ?? null);
      expect(row?.[P.investmentWan] ?? null).toBe(p.investmentWan);
    }
    const signed = rows.filter((r) => r[P.contractAmountWan] !== null);
    expect(signed.length).toBeGreaterThan(50);
    for (const r of signed) {
      expect(typeof r[P.contractAmountWan]).toBe('number');
      expect(r[P.signingDate]).toBeInstanceOf(Date);
    }
    const amountCell = rowsOf(sheet(workbook, SHEET_NAMES.projects)).find(
      (r) => r[P.contractAmountWan]?.value,
    )?.[P.contractAmountWan];
    expect(amountCell?.numFmt).toMatch(/#,##0/);
  });

  it('adds up each project’s instalments in 到位资金合计, and lists each one in 到位资金明细', async () => {
    const { workbook, counts } = await exported();
    const projects = valuesOf(sheet(workbook, SHEET_NAMES.projects));
    const detail = valuesOf(sheet(workbook, SHEET_NAMES.instalments));
    const total = store.projects().reduce((n, p) => n + p.instalments.length, 0);
    expect(detail).toHaveLength(total);
    expect(counts.instalments).toBe(total);
    for (const row of projects) {
      const mine = detail.filter((d) => d.编号 === row[P.id]).map((d) => d['金额（万元）'] as number);
      expect(row[P.fundsInPlaceWan] ?? null).toBe(mine.length ? sumWan(mine) : null);
    }
    for (const d of detail) {
      expect(d.日期).toBeInstanceOf(Date);
      expect(typeof d['金额（万元）']).toBe('number');
    }
  });

  it('shows each active project’s light as a fill, and none on terminated ones', async () => {
    const { workbook } = await exported();
    const rows = rowsOf(sheet(workbook, SHEET_NAMES.projects));
    const colours = { 绿灯: 'FF92D050', 黄灯: 'FFFFFF00', 红灯: 'FFFF0000' } as Record<string, string>;
    const lit = rows.filter((r) => r[P.light]?.value);
    expect(new Set(lit.map((r) => r[P.light]?.value))).toEqual(new Set(['绿灯', '黄灯', '红灯']));
    for (const r of lit) expect(fillOf(r[P.light] as never)).toBe(colours[String(r[P.light]?.value)]);
    const terminated = rows.filter((r) => r[P.stage]?.value === '终止');
    expect(terminated.length).toBeGreaterThan(0);
    for (const r of terminated) {
      expect(r[P.light]?.value ?? null).toBeNull();
      expect(shownDate(r[P.terminationDate]?.value ?? null)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('ranks the units exactly as 本月晾晒 does, colours as fills', async () => {
    const { workbook } = await exported();
    const race = rowsOf(sheet(workbook, SHEET_NAMES.race));
    const chat = say('本月晾晒', leader);
    const table = chat.table?.rows ?? [];
    expect(table.length).toBeGreaterThan(10);
    const ranked = race.filter((r) => r.名次?.value !== null);
    expect(ranked).toHaveLength(table.length);
    const fills = {
      绿: 'FF92D050',
      蓝: 'FF00B0F0',
      黄: 'FFFFFF00',
      橙: 'FFFFC000',
      红: 'FFFF0000',
    } as Record<string, string>;
    ranked.forEach((r, i) => {
      const [rank, unit, colour, score, ...cells] = table[i] as string[];
      expect(String(r.名次?.value)).toBe(rank);
      expect(r.单位?.value).toBe(unit);
      expect(colour).toContain(String(r.颜色?.value));
      expect(Object.values(COLOUR_WORD)).toContain(r.颜色?.value);
      expect(fillOf(r.颜色 as never)).toBe(fills[String(r.颜色?.value)]);
      expect(formatPercent(r.综合完成率?.value as number)).toBe(score);
      RANKED.forEach((indicator, k) => {
        const values = Object.values(r)
          .slice(5 + 3 * k, 8 + 3 * k)
          .map((c) => c.value as number | null);
        const [done, due, ratio] = values;
        const shown =
          done === null || done === undefined
            ? '—'
            : zh.rankingCell(
                formatQuantity(indicator, done),
                formatQuantity(indicator, due as number, true),
                formatPercent(ratio as number),
              );
        expect(shown).toBe(cells[k]);
      });
    });
  });

  it('gives a member’s unit only its own projects, instalments and trips; the ranking stays whole', async () => {
    const unit = store.unitByName('工业园区管委会');
    const { workbook } = await exported({ unitId: unit?.id ?? null });
    expect(String(sheet(workbook, SHEET_NAMES.projects).getCell(1, 1).value)).toContain('工业园区管委会');
    const projects = valuesOf(sheet(workbook, SHEET_NAMES.projects));
    const own = store.projects((p) => p.unitId === unit?.id);
    expect(projects.map((r) => r[P.id]).sort()).toEqual(own.map((p) => p.id).sort());
    expect(new Set(projects.map((r) => r[P.unit]))).toEqual(new Set(['工业园区管委会']));
    const detail = valuesOf(sheet(workbook, SHEET_NAMES.instalments));
    expect(new Set(detail.map((d) => d.责任单位))).toEqual(new Set(detail.length ? ['工业园区管委会'] : []));
    expect(detail).toHaveLength(own.reduce((n, p) => n + p.instalments.length, 0));
    for (const t of valuesOf(sheet(workbook, SHEET_NAMES.trips))) expect(t.单位).toBe('工业园区管委会');
    expect(valuesOf(sheet(workbook, SHEET_NAMES.race)).length).toBe(store.units().length);
  });

  it('as of a past day shows the ledger as it stood then: later signings, starts and instalments are left out', async () => {
    const asOf = '2026-06-30';
    const { workbook } = await exported({ asOf });
    const rows = valuesOf(sheet(workbook, SHEET_NAMES.projects));
    const later = store.projects((p) => p.stageHistory.length > 0 && (p.stageHistory[0]?.date ?? '') > asOf);
    expect(later.length).toBeGreaterThan(0);
    for (const p of later) expect(rows.find((r) => r[P.id] === p.id)).toBeUndefined();
    for (const r of rows) {
      for (const h of [P.signingDate, P.startDate, P.terminationDate]) {
        const d = shownDate(r[h] ?? null);
        if (d) expect(d <= asOf).toBe(true);
      }
    }
    for (const d of valuesOf(sheet(workbook, SHEET_NAMES.instalments)))
      expect((shownDate(d.日期 ?? null) as string) <= asOf).toBe(true);
    const startedLater = store.projects(
      (p) => (p.start?.date ?? '') > asOf && (p.signing?.date ?? '9') <= asOf,
    );
    expect(startedLater.length).toBeGreaterThan(0);
    for (const p of startedLater) expect(rows.find((r) => r[P.id] === p.id)?.[P.stage]).toBe('签约');
  });
});
