/**
 * What the store writes in words: each change's summary (a person reads it in 撤销, duplicate and
 * saved-but-no-reply answers, and the operator in the journal) and what it tells the operator.
 */
export const storeText = {
  // change summaries: projects and trips
  summaryNegotiation: (id: string, name: string) => `登记在谈 ${id} ${name}`,
  summarySigning: (id: string, name: string, type: string) => `登记签约 ${id} ${name}（${type}）`,
  summaryStart: (id: string, name: string, type: string) => `登记开工 ${id} ${name}（${type}）`,
  summaryInstalment: (id: string, name: string) => `到位资金 ${id} ${name}`,
  summaryProgress: (id: string, name: string) => `进度 ${id} ${name}`,
  summaryProblem: (id: string, name: string, category: string) => `问题 ${id} ${name}（${category}）`,
  summarySolved: (id: string, name: string, n: number) => `问题已解决 ${id} ${name}（${n} 个）`,
  summaryTerminated: (id: string, name: string) => `终止项目 ${id} ${name}`,
  summaryEdited: (id: string, name: string) => `修改 ${id} ${name}`,
  summaryTrip: (destination: string, date: string) => `外出招商 ${destination}（${date}）`,
  summaryTripEdited: (id: string, destination: string, date: string) =>
    `修改外出招商 ${id} ${destination}（${date}）`,
  // change summaries: organisation, hero board, undo
  summaryMember: (updated: boolean, name: string, account: string) =>
    `${updated ? '更新' : '添加'}成员 ${name}（${account}）`,
  summaryNoProgress: (name: string) => `本期无进展 ${name}`,
  summaryMemberStatus: (status: 'inactive' | 'removed' | null, name: string, account: string) =>
    `${status === null ? '启用' : status === 'inactive' ? '停用' : '删除'}成员 ${name}（${account}）`,
  summaryUnitAdded: (name: string, type: string) => `添加单位 ${name}（${type}）`,
  summaryUnitEdited: (before: string, after: string, type: string) =>
    `修改单位 ${before}${after !== before ? ` → ${after}` : ''}（${type}）`,
  summaryTarget: (scope: string, year: number, tier: string) => `设置目标 ${scope} ${year}年 ${tier}`,
  summaryBinding: (scope: string) => `绑定本群 ${scope}`,
  summarySettings: (what: string) => `设置 ${what}`,
  summaryChain: (name: string) => `设置专班 ${name}`,
  summaryChallenge: (n: number, title: string) => `发榜 ${n}. ${title}`,
  summaryClaim: (n: number, who: string) => `揭榜 ${n} ${who}`,
  summaryHonour: (year: number, name: string) => `上榜 ${year}年 ${name}`,
  summaryUndo: (summary: string) => `撤销：${summary}`,
  // change summaries: the outbox
  summaryPushQueued: (runId: string, n: number) => `推送 ${runId}（${n} 条）`,
  summaryPushSending: (id: string) => `推送 ${id} 发送中`,
  summaryReplySent: (id: string) => `回复 ${id} sent`,
  summaryPushStatus: (id: string, status: string) => `推送 ${id} ${status}`,
  summaryRepliesQueued: (runId: string, n: number) => `回复 ${runId}（${n} 条）`,
  summaryRepliesMerged: (from: number, to: number) => `合并回复 ${from} 条为 ${to} 条`,
  summaryReplyUrlsExpired: (n: number) => `回复地址过期 ${n} 条失败`,
  summaryReplyToGroup: (id: string) => `回复 ${id} 改发到群`,
  summaryInterrupted: (n: number) => `推送中断 ${n} 条`,
  sendInterrupted: '发送时进程中断，可能已送达',

  // to the operator: reading, replaying and saving the data files
  storeUnreadable: (path: string, reason: string) =>
    `数据文件无法读取：${path}（${reason}）。文件保持原样未被改动；请从备份恢复或修复后再启动。`,
  notJson: (message: string) => `不是有效的 JSON：${message}`,
  schemaTooNew: (version: string, supported: number) =>
    `数据文件的版本（${version}）比本程序支持的（${supported}）新：请升级 saima 后再启动。文件未被改动。`,
  notDocumentShape: (path: string, message: string) => `内容不符合数据格式：${path} ${message}`.trim(),
  journalShorterThanSnapshot: (size: number, expected: number) =>
    `日志比快照记录的短（${size} < ${expected} 字节）`,
  journalSeqGap: (line: number, offset: number, expected: number, actual: number) =>
    `第 ${line} 行（第 ${offset} 字节起）的记录序号不连续（期望 ${expected}，实际 ${actual}）`,
  journalReplayed: (n: number) => `从日志恢复了 ${n} 条变更。`,
  rollBackFailed: (cause: string, rollBack: string) => `${cause}；退回时：${rollBack}`,
  refusedNotMarked: (offset: number, length: number, seq: number, message: string) =>
    `无法记下被拒绝的记录（第 ${offset} 字节起 ${length} 字节，序号 ${seq}）：${message}`,
  snapshotFailed: (message: string) => `快照写入失败（日志仍完整，数据不会丢失）：${message}`,

  // to the operator: npm run backup
  backupShrankWhileCopying: (file: string) => `${file} 在复制途中变短了`,
  backupNotDataDir: (dir: string, snapshot: string, journal: string) =>
    `${dir} 不是 saima 的数据目录（没有 ${snapshot} 或 ${journal}）`,
  backupInsideDataDir: '备份目录不能是数据目录本身或它下面的目录',
  backupTargetNotEmpty: (dir: string) =>
    `备份目录 ${dir} 已存在且不是空目录；请换一个新目录，旧备份不会被覆盖`,
  backupShrankTryLater: (file: string) => `${file} 在复制时变短了，请稍后再试`,
} as const;
