import type { Reply } from '../core/reply.ts';
import { monthOf, yearOf } from '../race/period.ts';
import type { RaceView } from '../race/race-context.ts';
import { type RankingWords, standingsReply } from '../race/ranking-view.ts';
import { zh } from '../text/zh.ts';
import { type DistrictStanding, rankDistricts } from './city-ranking.ts';
import type { DistrictLedger } from './district-ledger.ts';

const DISTRICT_WORDS: RankingWords<DistrictStanding> = {
  nameOf: (s) => s.district.name,
  headers: zh.districtRankingHeaders,
  who: zh.districtWho,
  noTargets: zh.noDistrictTargets,
};

/**
 * 区县晾晒 as of the city's today: the unit ranking's reply with the districts in the units' place.
 * No five-colour picture: the renderer ranks a store's units again from the reply's date, and the
 * city's store has the districts' names but none of their projects.
 */
export function districtRankingReply(districts: ReadonlyArray<DistrictLedger>, view: RaceView): Reply {
  const { settings, today } = view;
  const title = zh.districtRankingTitle(yearOf(today), monthOf(today));
  if (districts.length === 0) return { tone: 'info', title, lines: [zh.noDistricts] };
  const note = zh.tierNote(settings.rankingTier, settings.progressMode === 'months');
  return standingsReply(title, rankDistricts(districts, view.store, today, settings), note, DISTRICT_WORDS);
}
