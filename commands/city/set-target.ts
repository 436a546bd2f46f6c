import { describeCityScope, readCityScope } from '../../src/city/city-scope.ts';
import type { DistrictLedger } from '../../src/city/district-ledger.ts';
import type { CommandSpec } from '../../src/core/command.ts';
import { targetCommand } from '../set-target.ts';

/** 设置目标 at city level: the city's own (全市) or the city's for one district, nothing else. */
export function citySetTarget(districts: () => ReadonlyArray<DistrictLedger>): CommandSpec {
  return targetCommand({
    summary: '设置全市或某个区县某年某一档目标（市级目标、报告目标等任意名称）',
    usage: '设置目标 全市|区县名 2025年 目标档名 签约个数40 合同额20亿 开工15 到位资金3亿',
    examples: [
      '设置目标 高新区 2025年 市级目标 签约个数40 合同额50亿',
      '设置目标 全市 2025年 报告目标 签约个数120',
    ],
    scope: (text, ctx) => readCityScope(text, districts(), ctx.store),
    describe: (scope, ctx) => describeCityScope(scope, ctx.store),
  });
}
