import { clip } from '../clip.ts';

/** What the city's bot says: the districts side by side (区县晾晒), the city's summary and its targets. */
export const cityText = {
  districtRankingTitle: (year: number, month: number) => `${year}年${month}月区县晾晒`,
  districtRankingHeaders: ['名次', '区县', '颜色', '综合'],
  districtWho: '区县',
  noDistrictTargets: (year: number) =>
    `还没有为任何区县设置${year}年的目标，无法排名。市级管理员可发送：设置目标 区县名 ${year}年 市级目标 签约个数10`,
  noDistricts: '还没有配置任何区县，没有可晾晒或汇总的数据。',
  citySummaryTitle: (label: string, from: string, to: string) =>
    `${label}全市招商投资促进工作统计（${from} 至 ${to}）`,
  cityShareNote: '各区县：括号内为占全市的比例；各区县按本区口径统计，对接企业数为各区县之和。',
  cityShareHeaders: ['区县', '签约个数', '正式合同额', '认定开工', '到位资金'],
  cityShareTotal: '全市合计',
  cityShare: (value: string, share: string) => `${value}（${share}）`,
  cityWhole: '全市',
  cityScopeNotDistrict: (name: string, districts: readonly string[]) =>
    `「${clip(name, 40)}」不是本市的区县，市级目标只能设给全市或某个区县。` +
    (districts.length ? `本市区县：${districts.join('、')}。` : '目前没有配置任何区县。'),
  cityDistrictMissing: (name: string) =>
    `区县「${name}」在市级台账中还没有对应的单位（服务启动时建立），暂时不能设置目标。请联系运维人员。`,
} as const;
