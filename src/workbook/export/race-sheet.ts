import type { Workbook } from 'exceljs';
import type { Store } from '../../../storage/store.ts';
import { INDICATOR_INFO } from '../../domain/indicator-catalogue.ts';
import { COLOUR_WORD } from '../../race/colours.ts';
import { formatPercent } from '../../race/format.ts';
import { RANKED, type Ranking, rankUnits, type Standing } from '../../race/ranking.ts';
import type { RaceSettings } from '../../race/settings.ts';
import { zh } from '../../text/zh.ts';
import { RACE_LEAD_COLUMNS, raceHeader, SHEET_NAMES, type WorkbookColumn } from '../columns.ts';
import { colourFill } from './fills.ts';
import { startSheet } from './sheet-layout.ts';

/** Three columns per ranked indicator: 完成, 序时应达 (amounts in 万元), r. */
function indicatorColumns(): WorkbookColumn[] {
  return RANKED.flatMap((indicator) => {
    const info = INDICATOR_INFO[indicator];
    const amount = info.kind === 'amount';
    const unit = amount ? '万元' : (info.unit ?? null);
    return [
      {
        key: `${indicator}.done`,
        header: raceHeader(info.label, 'done', unit),
        kind: amount ? 'wan' : 'count',
        width: 14,
      },
      {
        key: `${indicator}.due`,
        header: raceHeader(info.label, 'due', unit),
        kind: amount ? 'wan' : 'decimal',
        width: 14,
      },
      { key: `${indicator}.ratio`, header: raceHeader(info.label, 'ratio', unit), kind: 'ratio', width: 10 },
    ] satisfies WorkbookColumn[];
  });
}

function standingRow(s: Standing, ranking: Ranking): Array<string | number | null> {
  const board = ranking.honour.includes(s) ? zh.raceHonour : ranking.shame.includes(s) ? zh.raceShame : null;
  return [
    s.rank,
    s.unit.name,
    s.colour ? COLOUR_WORD[s.colour] : null,
    s.score,
    board,
    ...RANKED.flatMap((indicator) => {
      const cell = s.cells.find((c) => c.indicator === indicator);
      return cell ? [cell.actual, cell.expected, cell.r] : [null, null, null];
    }),
  ];
}

/**
 * 单位赛马: the very ranking 本月晾晒 and 年度排名 show (src/race/ranking.ts `rankUnits`, with the
 * same settings), one row per unit, the five colours as fills on 颜色 and 综合完成率.
 */
export function addRaceSheet(
  workbook: Workbook,
  title: string,
  store: Store,
  asOf: string,
  settings: RaceSettings,
): Ranking {
  const ranking = rankUnits(store, asOf, settings);
  const columns = [...RACE_LEAD_COLUMNS, ...indicatorColumns()];
  const ranked = ranking.standings.some((s) => s.rank !== null);
  const note = ranked
    ? zh.raceSheetNote(
        formatPercent(ranking.elapsed),
        settings.rankingTier,
        settings.progressMode === 'months',
      )
    : zh.raceNoTargets(Number(asOf.slice(0, 4)));
  const writer = startSheet(workbook, SHEET_NAMES.race, zh.workbookSheetTitle(title, note), columns);
  for (const s of ranking.standings) {
    const fill = s.colour ? colourFill(s.colour) : null;
    writer.add(
      standingRow(s, ranking),
      fill
        ? [
            [3, fill],
            [4, fill],
          ]
        : [],
    );
  }
  writer.finish();
  return ranking;
}
