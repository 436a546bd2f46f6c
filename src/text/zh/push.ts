/** What the scheduled pushes say to a group, and what the scheduler notes for the operator. */
export const pushText = {
  unitUnranked: '本单位未设排名目标，不参与排名。',
  unitStanding: (score: string, colour: string, rank: number, tiers: string) =>
    `本单位综合完成率 ${score}，${colour}，第 ${rank} 名（按${tiers}目标）。`,
  halfMonthTotals: (
    from: string,
    to: string,
    signed: number,
    amount: string,
    started: number,
    funds: string,
  ) => `${from} 至 ${to}：新签正式合同 ${signed} 个（${amount}），新开工 ${started} 个，到位资金 ${funds}。`,
  halfMonthSigned: (id: string, name: string, amount: string) => `签约：${id} ${name} ${amount}`,
  halfMonthStarted: (id: string, name: string, type: string | undefined) => `开工：${id} ${name}（${type}）`,
  halfMonthNoRed: '没有亮红灯的项目。',
  flaggedProject: (light: string, id: string, name: string, reasons: readonly string[]) =>
    `${light} ${id} ${name}：${reasons.join('；')}`,
  halfMonthSilent: (names: readonly string[]) => `半个月未报进展：${names.join('、')}`,
  halfMonthAllReported: '各单位都报了进展。',
  halfMonthTitle: (scope: string, today: string) => `半月调度（${scope}，${today}）`,
  monthlyTitle: (year: number, month: number) => `${year}年${month}月通报`,
  scopedTitle: (title: string, scope: string) => `${title}（${scope}）`,
  quarterlyTitle: (year: number, quarter: number) => `${year}年第${quarter}季度晾晒`,
  quarterlyRankingTitle: (title: string) => `${title}（五色图）`,
  quarterlyPictureTitle: (title: string) => `${title} 五色图`,
  annualTitle: (year: number) => `${year}年度考核排名`,
  heroCandidates: (boardSize: number, names: readonly string[]) =>
    `招商英雄榜候选单位（达到序时进度的前 ${boardSize} 名）：${names.join('、')}。管理员可发送「上榜 单位名 理由…」评定。`,
  heroCandidatesNone: '没有单位全年达到序时进度，本年度英雄榜候选空缺。',
  deadlinesTitle: (scope: string, n: number) => `到期预警（${scope}）：${n} 个项目`,
  catchUpNote: (slot: string) => `（补发：原定 ${slot}，当时机器人未运行）`,
  schedulerSinceSummary: '推送起始时间',
  holidayCalendarMissing: '节假日数据不含今年：顺延只跳过周末。请升级 chinese-days 依赖。',
} as const;
