/** Whose summary paragraph it is: a district's own, or the city's summed over its districts. */
export type SummaryLevel = 'district' | 'city';

/** How each level's paragraph names its area, its leaders and its tiers (报告目标, 市级目标, M0). */
const SUMMARY_LEVEL = {
  district: {
    area: '全区',
    leaders: '区领导',
    report: '区政府工作报告目标',
    cityTier: '市级下达',
    own: '区级',
  },
  city: { area: '全市', leaders: '各区县领导', report: '市政府工作报告目标', cityTier: '市级', own: '市级' },
} as const;

/** What the race views say: project cards, lists, progress, rankings and the summary paragraph. */
export const viewsText = {
  // project card
  cardStage: (stage: string, major: boolean, unit: string) =>
    `阶段：${stage}${major ? '（重大项目）' : ''}　责任单位：${unit}`,
  cardLeader: (name: string) => `包联领导：${name}`,
  cardOwner: (name: string) => `负责人：${name}`,
  cardChain: (chain: string) => `产业链：${chain}`,
  cardInvestor: (investor: string) => `投资方：${investor}`,
  cardInvestment: (amount: string) => `总投资：${amount}`,
  cardNegotiation: (since: string) => `在谈：${since} 起`,
  cardSigning: (date: string, type: string, amount: string) => `签约：${date} ${type} ${amount}`,
  cardStartDeadline: (deadline: string) => `约定开工期限：${deadline}`,
  cardStart: (date: string, type: string) => `开工：${date} ${type}`,
  cardFunds: (total: string, n: number, last: string | undefined) =>
    `到位资金：${total}（${n} 笔，最近 ${last}）`,
  cardTerminated: (date: string, reason: string) => `已终止：${date}，原因：${reason}`,
  cardLight: (light: string, reasons: readonly string[]) =>
    `${light}${reasons.length ? `：${reasons.join('；')}` : ''}`,
  cardNote: (date: string, text: string) => `进展 ${date}：${text}`,
  cardProblem: (category: string, text: string) => `问题（${category}）：${text}`,
  cardSolved: (n: number, last: string | undefined) => `已解决问题 ${n} 个（最近 ${last}）`,

  // lists
  listMore: (shown: number, rest: number) =>
    `只列出最紧急的 ${shown} 个，另有 ${rest} 个；可按单位查看（单位进度）或导出台账。`,
  ownerUnset: '未定',
  daysCount: (n: number) => `${n}天`,
  notStartedNone: '项目调度清单：没有签约未开工的项目',
  notStartedTitle: (n: number, red: number) => `项目调度清单：签约未开工 ${n} 个（超期 ${red} 个）`,
  notStartedOrder: '按灯色和约定开工期限排序；负责人为定人定责的责任人。',
  notStartedHeaders: ['编号', '项目', '责任单位', '签约日期', '已签约', '约定开工期限', '负责人', '灯'],
  negotiationsNone: (all: number) => `在谈项目 ${all} 个，没有临近或超过期限的`,
  negotiationsTitle: (n: number, all: number) => `在谈超期预警：${n} 个（在谈共 ${all} 个）`,
  negotiationsRule: (months: number, majorMonths: number) =>
    `一般项目 ${months} 个月、重大项目 ${majorMonths} 个月内应签约；期限前三分之一起亮黄灯。`,
  negotiationsHeaders: ['编号', '项目', '责任单位', '在谈起始', '已在谈', '签约期限', '灯'],
  chainProjectLine: (id: string, name: string, stage: string, amount: string, unit: string, light: string) =>
    `${id} ${name}（${stage}${amount}，${unit}）${light}`,

  // progress of one scope
  tierNoValue: (tier: string, value: string) => `${tier} ${value}`,
  tierRateReached: (tier: string, value: string, reached: boolean) =>
    `${tier} ${value}（${reached ? '已达到' : '未达到'}）`,
  tierAgainst: (tier: string, value: string, done: string, r: string, colour: string) =>
    `${tier} ${value}（完成 ${done}，序时 ${r} ${colour}）`,
  noTarget: '未设目标',
  progressAsOf: (year: number, date: string, elapsed: string) =>
    `${year}年截至 ${date}，序时进度 ${elapsed}。`,
  progressStartRate: (
    fromYear: number,
    signed: number,
    started: number,
    terminated: number,
    excluded: boolean,
  ) =>
    `近三年（${fromYear}年以来）正式合同签约 ${signed} 个，已开工 ${started} 个；终止 ${terminated} 个${excluded ? '（已从开工率中剔除）' : '（留在分母中）'}。`,
  progressStock: (notStarted: number, rate: string, signed: number, left: number) =>
    `签约未开工 ${notStarted} 个；在谈转化率 ${rate}（${signed}/${left}）。`,
  progressHeaders: ['指标', '完成', '目标'],

  // ranking
  tierNote: (tier: string, byMonth: boolean) => `按「${tier}」目标，序时进度${byMonth ? '按月' : '按天'}计`,
  rankingCell: (actual: string, expected: string, r: string) => `完成${actual}／应达${expected}（${r}）`,
  rankingGap: (unit: string, indicator: string, gap: string, actual: string, expected: string) =>
    `${unit}：${indicator}差 ${gap}（完成 ${actual}，序时应达 ${expected}）`,
  rankingAsOf: (date: string, elapsed: string, tierNote: string) =>
    `截至 ${date}，序时进度 ${elapsed}（${tierNote}）。每项为「完成／序时应达（完成率）」，序时应达 = 全年目标 × 序时进度。`,
  rankingHonour: (entries: readonly string[], who: string) =>
    `🏅红榜：${entries.length ? entries.join('、') : `暂无${who}达到序时进度`}`,
  rankingShame: (entries: readonly string[]) => `⚠️黑榜：${entries.length ? entries.join('、') : '无'}`,
  rankingGaps: (gaps: readonly string[]) => `差距最大：${gaps.join('；')}`,
  rankingUnranked: (names: readonly string[]) => `未设目标、未参与排名：${names.join('、')}`,
  rankingHeaders: ['名次', '单位', '颜色', '综合'],

  // the five-colour picture, and where a text answer stands in for it
  chartSubtitle: (date: string, elapsed: string, tier: string) =>
    `截至${date}　序时进度 ${elapsed}　按「${tier}」目标　竖线为序时进度（100%）`,
  chartNoTarget: '未设目标',
  picturePlaceholder: (title: string) => `（${title}：在企业微信、钉钉群里会随消息发送图片）`,
  moreDivider: '———— 下一条消息 ————',
  correctForm: (hint: string) => `正确格式：${hint}`,

  // summary paragraph
  summaryTier: (tier: string, label: string, level: SummaryLevel) => {
    const words = SUMMARY_LEVEL[level];
    if (tier === '报告目标') return words.report;
    if (tier === '市级目标') return `${words.cityTier}${label}目标`;
    if (tier === 'M0') return `${words.own}${label}M0目标`;
    return `${tier}${tier.endsWith('目标') ? '' : '目标'}`;
  },
  summaryShare: (tier: string, share: string) => `${tier}的${share}`,
  summaryCompletion: (parts: readonly string[]) =>
    parts.length === 1 ? `，完成${parts[0]}` : `，分别完成${parts.join('、')}`,
  summaryPeriodWord: { 上半年: '上半年', 下半年: '下半年', 全年: '今年来' } as Record<string, string>,
  summaryParagraph: (p: {
    level: SummaryLevel;
    period: string;
    contracts: number;
    contractsDone: string;
    amount: string;
    amountDone: string;
    started: number;
    startRate: string;
    funds: string;
    fundsDone: string;
    trips: number;
    enterprises: number;
    notStarted: number;
  }) =>
    `${p.period}，${SUMMARY_LEVEL[p.level].area}签订正式合同${p.contracts}个${p.contractsDone}；` +
    `正式合同额${p.amount}${p.amountDone}；` +
    `累计认定开工项目${p.started}个、近三年签约项目开工率${p.startRate}；` +
    `到位资金${p.funds}${p.fundsDone}。` +
    `${SUMMARY_LEVEL[p.level].leaders}带队外出招商${p.trips}次，对接企业${p.enterprises}家；签约未开工项目${p.notStarted}个。`,
  summaryTitle: (label: string, from: string, to: string) =>
    `${label}招商投资促进工作统计（${from} 至 ${to}）`,
  summaryBasis: (fromYear: number, started: number, signed: number, terminated: number, excluded: boolean) =>
    `口径：开工率 = ${fromYear}年以来正式合同签约项目中已开工的 ${started} 个 ÷ ${signed} 个；终止项目 ${terminated} 个${excluded ? '已剔除' : '计入分母'}。框架协议、意向协议不计入合同指标。`,
} as const;
