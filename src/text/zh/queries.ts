/** What the bot answers to the questions commands (help, lists, statuses) that change nothing. */
export const queriesText = {
  // 帮助
  helpGroups: { report: '上报', query: '查询', manage: '管理' },
  helpUsage: (usage: string) => `写法：${usage}`,
  helpExample: (example: string) => `例：${example}`,
  helpSynonyms: (triggers: readonly string[]) => `也可以说：${triggers.join('、')}`,
  helpNotYours: '（您没有使用这条命令的权限）',
  helpGroupTitle: (title: string) => `【${title}】`,
  helpLine: (name: string, summary: string, example: string) => `${name}：${summary}。例：${example}`,
  helpMore: (example: string) => `发送「帮助 命令名」查看写法，如：帮助 ${example}`,
  helpTitle: (name: string) => `saima 赛马助手：您（${name}）可以用这些命令`,

  // 我的项目, 领导外出, 英雄榜
  myProjectsNone: '您名下还没有项目。',
  myProjectsHow: '登记时写「负责人您的姓名」，或由您登记的项目会列在这里。',
  myProjectsTitle: (n: number) => `您名下的项目（${n} 个）`,
  myProjectsHeaders: ['编号', '名称', '阶段'],
  leaderTripsNone: (name: string, year: string) => `${name} ${year}年还没有登记外出招商。`,
  leaderTripsTitle: (name: string, year: string, trips: number, enterprises: number) =>
    `${name} ${year}年带队外出招商 ${trips} 次，对接企业 ${enterprises} 家`,
  leaderTripsNotCounted: (n: number) => `（另有 ${n} 次不计入：带队人不是登记的区领导）`,
  leaderTripsEnterprises: (names: readonly string[]) => `对接企业：${names.join('、')}`,
  leaderTripsHeaders: ['编号', '日期', '去向', '对接企业'],
  heroTitle: '招商英雄榜',
  heroYear: (year: number, units: readonly string[], people: readonly string[]) =>
    `【${year}年上榜】单位 ${units.length} 个：${units.join('、') || '—'}；个人 ${people.length} 名：${people.join('、') || '—'}`,
  heroChallenges: (n: number) =>
    n ? `【揭榜任务】${n} 项` : '【揭榜任务】暂无，管理员可发送：发榜 任务内容',
  heroChallenge: (n: number, title: string, claimants: readonly string[]) =>
    `${n}. ${title} —— ${claimants.length ? `已揭榜：${claimants.join('、')}` : `待揭榜（发送「揭榜 ${n}」）`}`,

  // 推送状态, 推送预览
  deliveryNone: '还没有推送过消息。',
  deliveryRun: (
    name: string,
    slot: string,
    late: boolean,
    manual: boolean,
    sent: number,
    all: number,
    bad: number,
  ) =>
    `${name} ${slot}${late ? '（补发）' : ''}${manual ? '（手动）' : ''}：已发 ${sent}/${all}${bad ? `，失败 ${bad}` : ''}`,
  deliveryPending: (n: number) => `待发 ${n} 条。`,
  pushUnknown: '不确定是否送达（发送时进程中断），如群里没收到请「立即推送」',
  pushFailed: '失败',
  deliveryFailure: (what: string, platform: string, chatId: string, title: string, error: string | null) =>
    `${what}：${platform} 群 ${chatId}「${title}」：${error}`,
  deliveryDead: (destination: string, error: string | null) =>
    `已停用：${destination}（${error}）。检查机器人是否被移出群、key 是否正确，改好配置后重启。`,
  deliveryTitle: (runs: number, pending: number, failed: number) =>
    `推送状态：最近 ${runs} 次推送，待发 ${pending}，失败 ${failed}`,
  deliveryHeaders: ['目的地（密钥以指纹表示）', '已发送', '最近发送', '最近失败', '状态'],
  destinationState: (dead: boolean) => (dead ? '已停用' : '正常'),
  previewHead: (name: string, bound: boolean, scope: string, n: number, picture: boolean) =>
    `预览「${name}」：${bound ? '本群' : '未绑定的群按全区'}（${scope}）会收到 ${n} 条消息${picture ? '和一张五色图' : ''}。`,
  previewNothing: '现在没有需要推送的内容。',
  previewTitle: (title: string) => `【预览，未发送】${title}`,

  monthRankingTitle: (year: number, month: number) => `${year}年${month}月晾晒`,
  quarterRankingTitle: (year: number, quarter: number) => `${year}年第${quarter}季度晾晒（五色图）`,
  yearRankingTitle: (year: number) => `${year}年度排名`,

  // 总结, 单位进度, 专班进度, 查看设置
  summaryNotStarted: (period: string) => `${period}还没有开始，没有可总结的数据。`,
  yearLabel: (year: number) => `${year}年`,
  unitRank: (score: string, colour: string, rank: number | null, tiers: string) =>
    `综合完成率 ${score}，${colour}，第 ${rank} 名（按${tiers}目标）。`,
  unitNotRanked: '未设排名目标，不参与排名。',
  unitProgressTitle: (unit: string) => `${unit}进度`,
  chainProgressTitle: (chain: string) => `${chain}专班进度`,
  chainHead: (head: string, lead: string, members: readonly string[]) =>
    `链长：${head}　牵头单位：${lead}　成员单位：${members.join('、') || '无'}`,
  chainProjectCount: (n: number) => `项目 ${n} 个：`,
  settingsTitle: '赛马设置',
  settingLine: (label: string, value: string, isDefault: boolean, usage: string) =>
    `${label}：${value}${isDefault ? '（默认）' : ''}　改：${usage}`,
} as const;
