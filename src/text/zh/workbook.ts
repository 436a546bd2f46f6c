import { PROJECT_FIELD_NAMES } from './project-field-names.ts';
/** What the 台账 workbook says (titles, words in its cells) and what its export tells people. */
export const workbookText = {
  // the workbook
  workbookTitle: (district: string | null, year: number, asOf: string) =>
    `${district ? `${district} ` : ''}${year} 年招商引资项目台账（截至 ${asOf}）`,
  workbookSheetTitle: (title: string, sheet: string) => `${title}　${sheet}`,
  workbookUnitScope: (unit: string) => `（${unit}）`,
  raceSheetNote: (elapsed: string, tier: string, monthly: boolean) =>
    `序时进度 ${elapsed}，按「${tier}」目标，序时进度${monthly ? '按月' : '按天'}计；完成、序时应达的金额单位为万元。`,
  raceNoTargets: (year: number) => `还没有单位设置${year}年的目标，无法排名。`,
  raceHonour: '红榜',
  raceShame: '黑榜',
  lightWord: { green: '绿灯', yellow: '黄灯', red: '红灯' } as Record<string, string>,
  auditMore: (n: number) => `另有 ${n} 条变更未列出（超出工作表行数上限）`,
  auditEmpty: '（无）',
  auditCreated: '新建',
  auditDeleted: '删除',
  auditAdded: '新增',
  /** How the 变更记录 names each kind of record and field (the journal keeps English keys). */
  auditCollections: {
    units: '单位',
    members: '成员',
    projects: '项目',
    trips: '外出招商',
    targets: '目标',
    challenges: '揭榜任务',
    honours: '上榜',
    bindings: '群绑定',
    settings: '设置',
    chains: '专班',
  } as Record<string, string>,
  auditFields: {
    ...PROJECT_FIELD_NAMES,
    stageHistory: '阶段记录',
    solved: '已解决',
    type: '类型',
    date: '日期',
    amountWan: '金额',
    startDeadline: '约定开工期限',
    evidence: '凭证',
    text: '内容',
    category: '类别',
    reason: '原因',
    fromStage: '原阶段',
    note: '说明',
    account: '账号',
    role: '角色',
    status: '状态',
    destination: '去向',
    ledByDistrictLeader: '区领导带队',
    enterprises: '对接企业',
    scope: '范围',
    year: '年份',
    tier: '目标档',
    indicator: '指标',
    value: '值',
    title: '任务',
    claims: '揭榜',
    headName: '链长',
    leadUnitId: '牵头单位',
    memberUnitIds: '成员单位',
    platform: '平台',
    chatId: '群',
    kind: '类别',
    number: '序号',
    noProgressOn: '本期无进展',
    claimant: '揭榜人',
  } as Record<string, string>,
  workbookProblem: (category: string, text: string) => `${category}：${text}`,
  workbookNote: (date: string, text: string) => `${date} ${text}`,
  // 导出台账 in chat
  exportLinkNote: (minutes: number) => `下载链接仅限本人使用，${minutes} 分钟内有效，只能下载一次：`,
  exportContents: (rows: string) =>
    `内容：${rows}；工作表 项目台账、单位赛马、到位资金明细、外出招商、变更记录。请勿转发到群里。`,
  exportRowsAll: '全区项目',
  exportFilename: (year: number, asOf: string, unit: string | null) =>
    `${unit ? `${unit}-` : ''}招商引资项目台账-${year}-截至${asOf}.xlsx`,
  exportRowsUnit: (unit: string) => `${unit}的项目（成员只导出本单位的项目）`,
  exportTitle: (year: number, asOf: string) => `导出台账：${year} 年（截至 ${asOf}）`,
  exportNotInGroup:
    '台账里有各单位的项目明细，下载链接只发给本人：请在与机器人的单聊中发送「导出台账」。群里可以看「本月晾晒」「全区进度」。',
  exportNoPublicUrl:
    '机器人还不能提供下载链接：需要运维在服务器的 .env 里设置 SAIMA_PUBLIC_URL（机器人对外的 https 地址，如 https://saima.example.gov.cn）并重启。在服务器上也可以直接运行：npm run export -- --out 台账.xlsx',
  exportInConsole:
    '下载链接由运行中的服务器提供，现在服务器没有运行。在本机可以直接导出：npm run export -- --out 台账.xlsx（成员只导出本单位：加 --unit 单位名）',
  exportNoUnit: '你的账号没有所属单位，无法导出本单位的台账。请管理员用「添加成员」补上单位。',
  exportFutureYear: (year: number, thisYear: number) => `${year} 年还没到（今年是 ${thisYear} 年）。`,
  // the download page (a link preview's GET must not use up the one download)
  downloadPage: (filename: string) =>
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>下载台账</title></head><body style="font-family:sans-serif;margin:2em"><h3>${filename}</h3><p>链接只能下载一次，请在要保存文件的设备上点击：</p><form method="post"><button type="submit" style="font-size:1.2em;padding:.5em 1.5em">下载</button></form></body></html>`,
  downloadGone:
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>链接已失效</title></head><body style="font-family:sans-serif;margin:2em"><p>链接已失效（已下载过、已过期或不存在）。请重新发送「导出台账」获取新链接。</p></body></html>',
  // npm run export
  exportUsage: `用法：npm run export -- --out 台账.xlsx [--year 2023] [--as-of 2023-06-30] [--unit 单位名] [--district 区代码]
导出 SAIMA_DATA_DIR 的项目台账（项目台账、单位赛马、到位资金明细、外出招商、变更记录）。
不写 --year、--as-of 即今年截至今天；只写 --year 即该年全年（今年截至今天）。机器人运行时也可以导出，不必停机。
多区部署（设置了 SAIMA_DISTRICTS）每次导出一个区，用 --district 写它的代码或名称，如 --district gaoxin。`,
  exportNeedsOut: '请用 --out 指定导出的文件，如 --out 台账.xlsx',
  exportOutNotXlsx: (out: string) => `导出文件「${out}」应以 .xlsx 结尾`,
  exportBadYear: (year: string) => `年份「${year}」不对：请写四位数年份，如 --year 2023`,
  exportBadAsOf: (asOf: string) => `日期「${asOf}」不对：请写成 2023-06-30 的样子`,
  exportAsOfFuture: (asOf: string, today: string) => `截至日期 ${asOf} 在今天（${today}）之后`,
  exportAsOfOutsideYear: (asOf: string, year: number) => `截至日期 ${asOf} 不在 ${year} 年内`,
  exportOutDirMissing: (dir: string) => `目录 ${dir} 不存在，请先建好它或换一个 --out`,
  exportUnknownUnit: (unit: string) => `没有名为「${unit}」的单位`,
  exportUnknownFlag: (flag: string) =>
    `不认识的参数 ${flag}；可用的参数：--out、--year、--as-of、--unit、--district`,
  exportFlagNeedsValue: (flag: string) =>
    `参数 ${flag} 后面要写值，如 --out 台账.xlsx、--year 2023、--as-of 2023-06-30`,
  exportStrayWord: (word: string) => `多余的「${word}」：每个值前面要写参数名，如 --out ${word}`,
  exportUnknownOption: (message: string) => `看不懂命令行参数：${message}`,
  exportDone: (
    out: string,
    projects: number,
    instalments: number,
    trips: number,
    changes: number,
    seconds: string,
  ) =>
    `已导出 ${out}：项目 ${projects} 个，到位资金 ${instalments} 笔，外出招商 ${trips} 次，变更记录 ${changes} 条；用时 ${seconds} 秒。`,
  exportFailed: (message: string) => `导出失败：${message}`,
} as const;
