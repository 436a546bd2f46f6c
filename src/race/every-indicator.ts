import type { Store } from '../../storage/store.ts';
import { firstDifference } from '../../storage/store-migration-compare.ts';
import { zh } from '../text/zh.ts';
import type { LocalDate } from '../time/clock.ts';
import { indicatorsFor } from './indicators.ts';
import { monthOf, yearOf, yearToDate } from './period.ts';
import { scopeProgress } from './progress-view.ts';
import { rankUnits } from './ranking.ts';
import { rankingPeriod } from './ranking-periods.ts';
import { readSettings } from './settings.ts';

/** One thing the district reads off its ledger: a ranking, its totals, or the 全区进度 reply. */
export interface IndicatorReading {
  name: string;
  value: unknown;
}

/** The years before `year` the ledger has something to rank: a target, a signing, a start or a trip. */
function earlierYears(store: Store, year: number): number[] {
  const years = new Set<number>();
  for (const t of store.targets((t) => t.year < year)) years.add(t.year);
  for (const t of store.trips((t) => yearOf(t.date) < year)) years.add(yearOf(t.date));
  store.scanProjects((projects) => {
    for (const p of projects)
      for (const d of [p.signing?.date, p.start?.date, ...p.instalments.map((f) => f.date)])
        if (d && yearOf(d) < year) years.add(yearOf(d));
  });
  return [...years].sort((a, b) => a - b);
}

/**
 * Every indicator of the race as of `today`: the unit rankings (rankUnits: each unit's values,
 * r, score, colour and rank) and the district's totals for each 赛马 period of the year — every
 * month's 晾晒 up to this one, which is also where 季度晾晒 and 年度排名 end — the year-end ranking
 * of every earlier year with data, and the 全区进度 reply as people read it. Two ledgers that give
 * equal readings show the bureau the same race.
 */
export function everyIndicator(store: Store, today: LocalDate): IndicatorReading[] {
  const settings = readSettings(store);
  const year = yearOf(today);
  const readings: IndicatorReading[] = [];
  const at = (title: string, asOf: LocalDate) => {
    readings.push({ name: title, value: rankUnits(store, asOf, settings) });
    readings.push({
      name: zh.migrateDistrictTotals(title),
      value: indicatorsFor(store, { kind: 'district' }, yearToDate(asOf), settings),
    });
  };
  for (const y of earlierYears(store, year)) at(zh.yearRankingTitle(y), `${y}-12-31`);
  for (let month = 1; month <= monthOf(today); month++) {
    const period = rankingPeriod(today, { kind: 'month', month, year });
    at(period.title, period.asOf);
  }
  readings.push({
    name: zh.migrateDistrictProgress,
    value: scopeProgress({ store, settings, today }, { kind: 'district' }, zh.migrateDistrictProgress),
  });
  return readings;
}

/** Where two sets of readings differ: the reading's name and the first difference in it. */
export function readingDifferences(a: IndicatorReading[], b: IndicatorReading[], limit: number): string[] {
  const out: string[] = [];
  const names = new Set([...a.map((r) => r.name), ...b.map((r) => r.name)]);
  for (const name of names) {
    if (out.length >= limit) break;
    const x = a.find((r) => r.name === name);
    const y = b.find((r) => r.name === name);
    const found = firstDifference(x?.value, y?.value);
    if (found) out.push(zh.migrateIndicatorDiffers(name, found));
  }
  return out;
}
