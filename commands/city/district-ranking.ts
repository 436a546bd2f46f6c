import { districtRankingReply } from '../../src/city/city-ranking-view.ts';
import type { DistrictLedger } from '../../src/city/district-ledger.ts';
import { type CommandSpec, defineCommand } from '../../src/core/command.ts';

/** 区县晾晒: the districts ranked on the city's targets, as 本月晾晒 ranks a district's units. */
export function districtRanking(districts: () => ReadonlyArray<DistrictLedger>): CommandSpec {
  return defineCommand({
    id: 'district-ranking',
    triggers: ['区县晾晒', '区县排名', '各区县晾晒', '区县赛马'],
    summary: '各区县排名：按市级设置的目标比序时进度，五色、红黑榜和差距（截至今天）',
    usage: '区县晾晒',
    examples: ['区县晾晒'],
    access: 'admin',
    writes: false,
    handle(_args, ctx) {
      return districtRankingReply(districts(), ctx.race);
    },
  });
}
