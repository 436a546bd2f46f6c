import { clip } from './clip.ts';
import { answersText } from './zh/answers.ts';
import { cityText } from './zh/city.ts';
import { conversationText } from './zh/conversation.ts';
import { districtCliText } from './zh/district-cli.ts';
import { ledgerImportText } from './zh/ledger-import.ts';
import { migrateStoreText } from './zh/migrate-store.ts';
import { operatorText } from './zh/operator.ts';
import { pushText } from './zh/push.ts';
import { queriesText } from './zh/queries.ts';
import { settingsText } from './zh/settings.ts';
import { storeText } from './zh/store.ts';
import { viewsText } from './zh/views.ts';
import { webText } from './zh/web.ts';
import { webImportText } from './zh/web-import.ts';
import { webProjectsText } from './zh/web-projects.ts';
import { workbookText } from './zh/workbook.ts';

function charCount(t: string): number {
  return [...t].length;
}

/** Every sentence the bot says to a person, in one place (by area: this file and src/text/zh/). */
export const zh = {
  ...settingsText,
  ...answersText,
  ...queriesText,
  ...viewsText,
  ...pushText,
  ...storeText,
  ...operatorText,
  ...conversationText,
  ...workbookText,
  ...ledgerImportText,
  ...webText,
  ...webProjectsText,
  ...webImportText,
  ...migrateStoreText,
  ...cityText,
  ...districtCliText,
  // reading amounts and dates
  amountUnreadable: (t: string) =>
    `看不懂金额「${clip(t, 40)}」。请写数字加单位，如 5亿、3.2亿元、8000万、二亿四千万、5个亿。`,
  amountPartUnreadable: (t: string, part: string) =>
    `看不懂金额「${clip(t, 28)}」中的「${clip(part, 12)}」。请写数字加单位，如 5亿、3.2亿元、8000万、二亿四千万。`,
  amountNeedsUnit: (t: string) =>
    charCount(t) <= 10
      ? `金额「${t}」没有单位：是 ${t}亿、${t}万 还是 ${t}元？请带上单位重新发送（如 ${t}万）。`
      : `金额「${clip(t, 40)}」没有单位：是亿、万还是元？请带上单位重新发送（如 5亿、8000万）。`,
  amountNotPositive: (t: string) => `金额「${clip(t, 40)}」必须大于零。`,
  amountTooLarge: (t: string) => `金额「${clip(t, 40)}」超过 1万亿元，请检查单位是否写错。`,
  dateUnreadable: (t: string) =>
    `看不懂日期「${clip(t, 40)}」。可以写 2023-06-01、2023年6月1日、6月1日、5.28、今天、昨天、上周四、本月3号 等。`,
  dateInvalid: (t: string) => `日期「${clip(t, 40)}」不存在，请检查年月日。`,
  dateInFuture: (t: string) =>
    `日期「${clip(t, 40)}」在今天之后：已发生的事（签约、开工、到位）不能登记未来的日期。`,
  dateVague: (word: string, example: string) =>
    `「${clip(word, 12)}」是哪一天？请写具体日期，如 ${example}。`,
  numberUnreadable: (t: string) => `看不懂数字「${t}」。`,

  // reading fields
  fieldEmpty: (name: string) => `「${name}」后面缺少内容。`,
  fieldTwice: (name: string) => `「${name}」写了两次，请只写一次。`,
  fieldUnknown: (t: string) =>
    `看不懂「${clip(t, 40)}」属于哪一项。每一项请写成「键 值」，如 合同额5亿、日期2023-05-20。`,
  fieldMissing: (name: string) => `缺少「${name}」。`,
  nameTooLong: (start: string, n: number, max: number) =>
    `「${start}…」太长（${n} 字）：名称和每一项最多 ${max} 字。请写简短的名称，详细情况可以用「进度」另报。`,
  textTooLong: (n: number, max: number) => `内容太长（${n} 字），一条最多 ${max} 字，请分几条发送。`,
  messageTooLong: (n: number, max: number) =>
    `这条消息太长（${n} 字），一条最多 ${max} 字，没有处理。请分几条发送；名称最多 60 字。`,
  enumUnknown: (name: string, t: string, options: readonly string[]) =>
    `${name}「${clip(t, 40)}」不在可选范围内，可选：${options.join('、')}。`,
  monthOutOfRange: '月份要在 1 到 12 之间。',
  honourYearForm: '年度请写成 2023',
  settingNameMissing: (labels: readonly string[]) => `请写设置名称：${labels.join('、')}。`,
  settingValueMissing: '请在设置名称后写上新的值。',
  challengeNumberMissing: '请写上榜号，如：揭榜 3',
  challengeNumberNotNumber: '榜号是数字，如：揭榜 3',
  challengeTitleMissing: '请在「发榜」后写上任务内容。',

  // who may do what
  unknownSender: (account: string) =>
    `还不认识您（账号 ${account}）。请联系区招商投资局管理员，发送：添加成员 您的姓名 账号${account} 单位您的单位 角色成员`,
  denied: (what: string, need: string) =>
    `「${what}」需要${need}权限，您没有。可发送「帮助」查看您能用的命令。`,
  notYourUnit: (project: string, unit: string) =>
    `项目「${project}」属于${unit}，您只能登记和修改本单位的项目。如需调整请联系管理员。`,
  notYourUnitForNew: (unit: string) =>
    `您只能为本单位登记项目，不能登记到「${unit}」。如需调整请联系管理员。`,
  noneYours: (ref: string) =>
    `「${clip(ref, 40)}」对应的项目都不属于您的单位，您只能登记和修改本单位的项目。如需调整请联系管理员。`,
  noUnitForMember: '您还没有所属单位，不能登记项目。请联系管理员：添加成员 … 单位…',
  adminNeedsUnit: '请用「单位…」指明责任单位（管理员没有所属单位）。',

  // understanding messages
  notUnderstood: (t: string) => `没看懂「${clip(t, 40)}」。`,
  didYouMean: (triggers: string[]) => `您是不是想用：${triggers.join('、')}？`,
  seeHelp: (example: string) => `发送「帮助」查看全部命令，或「帮助 ${example}」查看某条命令的写法。`,
  pictureNeedsPublicUrl:
    '（五色图没有发到本群：本群用的是钉钉自定义机器人，只能显示链接，需要管理员设置 SAIMA_PUBLIC_URL。）',
  emptyMessage: '消息是空的。发送「帮助」查看可用命令。',
  // message kinds other than typed text
  voiceHeard: (transcript: string) =>
    `（语音识别）识别为：「${transcript}」。如有听错（特别是金额、日期），请发「撤销」后打字重发。`,
  voiceNotHeard: '（语音识别）没有识别出文字。请再说一遍，或直接打字发送；发送「帮助」查看可用命令。',
  mediaOnly: (what: string) =>
    `收到${what}。机器人只读文字和语音里的文字，${what}没有登记任何内容。请用文字发送，如：登记签约 项目名称 合同额5亿 类型正式合同；发送「帮助」查看全部命令。`,
  mediaName: { image: '一张图片', file: '一个文件' } as const,
  senderUnidentified:
    '无法识别您的身份：钉钉没有提供您的企业账号（外部联系人，或机器人尚未发布到本企业）。请用本企业钉钉账号发送；如需开通，请联系区招商投资局管理员。',
  internalError: '抱歉，处理这条消息时出了问题，内容没有保存。请稍后再试，或联系管理员。',
  duplicateMessage: (summary: string) => `这条消息已经处理过（${summary}），不会重复登记。`,
  // replies that could not be given at once
  repliesMerged: (n: number) => `以下 ${n} 条登记已保存：`,
  replyConfirmation: (name: string, summary: string) => `${name}：${summary}`,
  replyUrlExpired: '回复地址已过期，单聊无法改发到群，这条回复没有送达',
  replyUnknown: '回复不确定是否送达（发送时进程中断），不会重发',
  replyFailed: '回复未送达',
  slowDown: (perMinute: number) =>
    `您一分钟内发来的消息超过 ${perMinute} 条，请稍等一分钟再发。这一分钟内多发的消息不会处理，也不会登记；需要登记的内容请稍后重新发送。`,

  // saving, and what the operator reads at start-up
  savePaused:
    '保存功能已暂停：服务器写入磁盘时出错，这条内容没有保存。查询仍可使用；请联系管理员检查服务器磁盘（空间是否已满、是否变为只读、硬件报错），修复后重启机器人再发送。',
  saveUncertain:
    '保存功能已暂停：服务器写入磁盘时出错，而且无法确认这条内容是否已写入。请先不要重发；管理员检查磁盘并重启机器人后，请先查询这条记录是否已在，再决定是否重发。',
  savedButReplyFailed: (summary: string) =>
    `已保存（${summary}），但生成回复时出了问题。请用查询命令核对，不要重发；如有疑问请联系管理员。`,
  journalWritePaused: (path: string, cause: string) =>
    `保存已暂停：日志 ${path} 写入失败后无法退回到上一条完好的记录（${cause}）。此后的登记一律拒绝，查询照常；请检查磁盘后重启 saima。`,
  journalBadChecksum: (line: number, offset: number) =>
    `第 ${line} 行（第 ${offset} 字节起）的记录校验和不符：内容在写入后被改动或损坏`,
  journalArchiveFailed: (path: string, cause: string) =>
    `日志文件 ${path} 未能压缩归档（${cause}），原文件保留，下次快照时再试`,
  journalCorrupt: (line: number, offset: number) => `第 ${line} 行（第 ${offset} 字节起）的记录损坏`,
  journalUncheckedAfterChecked: (line: number, offset: number) =>
    `第 ${line} 行（第 ${offset} 字节起）的记录没有校验和，而它之前的记录有：可能被手工改动过`,
  journalTornTail: (offset: number, bytes: number, savedTo: string) =>
    `日志末尾从第 ${offset} 字节起有 ${bytes} 字节没有以换行结束，是一次没有写完的写入；已截去，原样另存到 ${savedTo}。saima 只在一条记录连同换行写入并同步到磁盘之后才回复“已登记”，所以这通常是崩溃时还没有回复的那条消息；若磁盘在同步后仍丢了数据，它也可能是已回复过的记录的一部分，请对照该文件核实。`,
  journalRefusedCut: (offset: number, bytes: number, savedTo: string) =>
    `日志从第 ${offset} 字节起的 ${bytes} 字节是一次已回复“没有保存”的写入（当时未能退回），已截去，原样另存到 ${savedTo}。`,
  journalRefusedThenMore: (marker: string, offset: number, length: number, size: number) =>
    `${marker} 记下第 ${offset} 字节起的 ${length} 字节是回复过“没有保存”的记录，但日志比这还长（共 ${size} 字节），不能自动截去，需人工核对`,
  dataDirUnusable: (path: string, reason: string, code: string) =>
    `数据目录无法使用：SAIMA_DATA_DIR=${path}（${reason}，${code}）。请让 SAIMA_DATA_DIR 指向运行 saima 的用户可以创建和写入的目录。本次启动没有创建任何文件。`,
  dataDirReasons: {
    EACCES: '没有写入权限',
    EPERM: '没有写入权限',
    EROFS: '所在文件系统是只读的',
    ENOTDIR: '路径中有一段不是目录而是文件',
    ENOSPC: '磁盘已满',
    EDQUOT: '磁盘配额已满',
  } as Record<string, string>,
  dataDirLocked: (path: string, owner: string) =>
    `数据目录已被另一个 saima 进程（${owner}）占用：${path}。同一数据目录只能运行一个机器人；请先停止那个进程，或换一个 SAIMA_DATA_DIR。`,
  lockOwner: (pid: number | null, host: string | null, startedAt: string | null) =>
    pid === null
      ? '未能读到它的 PID'
      : `PID ${pid}${host ? `，主机 ${host}` : ''}${startedAt ? `，${startedAt} 启动` : ''}`,
  portInUse: (port: number) =>
    `端口 ${port} 已被其他程序占用（PORT=${port}）。请停止占用它的程序，或把 PORT 改成空闲的端口。本次启动没有创建任何文件，也没有占用数据目录。`,
  portDenied: (port: number) =>
    `没有权限监听端口 ${port}（PORT=${port}）：1024 以下的端口需要特权。请改用 1024 以上的端口（如 PORT=3000），由反向代理转发。`,

  // projects
  projectUnknown: (ref: string) => `没有找到项目「${clip(ref, 40)}」。`,
  projectClosest: (names: string[]) => `相近的项目：${names.join('、')}。`,
  projectNoneClose: '可以发送「我的项目」看看本单位的项目，或用项目编号（如 P2023-017）。',
  projectMany: (ref: string, n: number) => `「${ref}」对应 ${n} 个项目，请回复序号选择，或直接用编号：`,
  projectNewOption: (name: string) => `新建项目「${name}」`,
  projectNameTaken: (name: string, id: string) =>
    `已有同名项目「${name}」（${id}），请换一个名称或使用该项目编号。`,
  projectNameLikeId: (name: string) => `「${name}」是项目编号的写法，不能作项目名称。请写项目的名称。`,
  projectTerminated: (name: string) => `项目「${name}」已终止，不能再登记。如需恢复请联系管理员。`,
  alreadySigned: (name: string, date: string) =>
    `项目「${name}」已于 ${date} 登记签约。要改合同额请用：修改 <编号> 合同额…（补充协议也这样改）。`,
  signingBeforeNegotiation: (since: string) => `签约日期早于在谈登记日期（${since}），请检查日期。`,
  alreadyStarted: (name: string, date: string) => `项目「${name}」已于 ${date} 认定开工。`,
  startBeforeSigning: (name: string) => `项目「${name}」还没有签约登记，不能认定开工。请先「登记签约」。`,
  startBeforeSigningDate: (date: string) => `开工日期早于签约日期（${date}），请检查日期。`,
  fundsBeforeSigning: (name: string) => `项目「${name}」还没有签约登记，不能登记到位资金。`,
  fundsBeforeSigningDate: (date: string) => `到位日期早于签约日期（${date}），请检查日期。`,
  patchNeedsSigning: (name: string) => `项目「${name}」还没有签约，不能修改合同信息。`,
  nothingToPatch:
    '没有要修改的内容。可改：名称、投资方、产业链、责任单位、包联领导、负责人、投资额、合同额、合同类型、签约日期、约定开工期限、重大。',
  chainProjectsHidden: (n: number) =>
    `另有 ${n} 个项目属于您看不到的单位（成员只能看本单位和所在专班成员单位的项目），只计入合计。`,
  chainUnknown: (name: string, known: readonly string[]) =>
    `没有产业链「${name}」。${known.length ? `已有：${known.join('、')}。` : ''}`,
  unitProgressNoUnit: '您没有所属单位，请写：单位进度 单位名称',
  leaderNameMissing: '请写领导姓名，如：领导外出 张三',
  noteEmpty: '进度内容是空的，请在项目名后写上进展。',
  problemEmpty: '问题内容是空的，请写明卡在哪里。',

  // units, members, targets, bindings, challenges
  unitExists: (name: string) => `单位「${name}」已存在。`,
  unitUnknown: (name: string) => `没有单位「${clip(name, 40)}」。请先：添加单位 ${clip(name, 20)} 类型部门`,
  memberNameTaken: (name: string, account: string) =>
    `已有同名成员「${name}」（账号 ${account}），请在姓名后加以区分。`,
  memberUnknown: (ref: string) => `没有账号或姓名为「${ref}」的成员。发送「帮助 添加成员」查看如何添加。`,
  memberAlready: (name: string, status: 'inactive' | 'removed' | null) =>
    `成员「${name}」${status === null ? '没有被停用，无需启用' : status === 'inactive' ? '已经是停用状态' : '已经删除'}。`,
  memberRemovedCannotDeactivate: (name: string) =>
    `成员「${name}」已经删除。如需恢复请发送：启用成员 ${name}`,
  memberEnvAdmin: (who: string, verb: string) =>
    `「${who}」是服务器设置 SAIMA_ADMINS 中的管理员，不能在聊天中${verb}。请运维人员修改 SAIMA_ADMINS 后重启服务。`,
  memberNotYourself: (verb: string) => `不能${verb}您自己。请让另一位管理员操作。`,
  memberInactiveNote: (name: string) => `（该成员处于停用状态：发送「启用成员 ${name}」恢复。）`,
  ownerRemoved: (name: string) => `${name}（负责人已删除，请指定新负责人）`,
  ownerRemovedShort: (name: string) => `${name}（已删除）`,
  unitNothingToPatch:
    '没有要修改的内容。请写：修改单位 单位名称 名称新名称 类型部门|镇街|园区|驻外招商组|其他',
  unitUnchanged: (name: string) => `单位「${name}」的名称和类型与原来相同，没有修改。`,
  noOpenProblem: (name: string, category: string | null) =>
    `项目「${name}」没有未解决的${category ? `「${category}」` : ''}问题。登记问题请用：问题 ${name} 用地 问题描述`,
  tripUnknown: (ref: string) =>
    `没有找到外出招商记录「${ref}」。编号见登记时的回复，或发送「领导外出 姓名」查看。`,
  tripNotYours: (id: string) => `外出招商记录 ${id} 只能由登记人或管理员修改。`,
  tripUnchanged: (id: string) => `外出招商记录 ${id} 的内容与原来相同，没有修改。`,
  tripNothingToPatch: '没有要修改的内容。可改：去向、日期、带队、对接企业。',
  tripFieldsOnProject:
    '去向、日期、带队、对接企业是外出招商记录的内容，请写外出招商编号：修改 T2023-001 日期…；项目请用「签约日期」「包联领导」。',
  memberNoUnit: '成员和领导以外的角色才可以没有单位；成员请写「单位…」。',
  targetNoValues:
    '没有写任何指标。可写：签约个数40、合同额20亿、开工15、到位资金3亿、外出招商10、对接企业30、开工率40%。',
  scopeUnknown: (t: string) => `看不懂范围「${t}」。可写：全区、单位名称、专班铝产业、领导张三。`,
  bindNeedsGroup: '「绑定本群」只能在群里使用。',
  bindChatId: (platform: string, chatId: string) => {
    if (platform === 'wecom')
      return `本群 ID：${chatId}（企业微信）。给本群配群机器人推送时写：WECOM_WEBHOOK_KEYS=${chatId}=群机器人key`;
    if (platform === 'dingtalk')
      return `本群 ID：${chatId}（钉钉会话 ID）。本群若用自定义机器人推送，写：DINGTALK_ROBOT_WEBHOOKS=${chatId}@access_token@加签密钥`;
    return `本群 ID：${chatId}（${platform}）`;
  },
  challengeUnknown: (n: number) => `没有第 ${n} 号榜。发送「英雄榜」查看。`,
  challengeAlreadyClaimed: (n: number, who: string) => `${who} 已经揭过第 ${n} 号榜。`,

  // undo
  undoHint: '如有误，24 小时内可发送「撤销」。',
  nothingToUndo: '24 小时内您没有可以撤销的登记。',
  undoConflict: (summary: string) => `「${summary}」之后这些记录又被改过，不能直接撤销；请用「修改」更正。`,

  // pushes and race answers
  negotiationOverdue: (days: number, months: number, overBy: number) =>
    `在谈 ${days} 天，已超过 ${months} 个月期限 ${overBy} 天`,
  negotiationNear: (days: number, months: number, deadline: string) =>
    `在谈 ${days} 天，${months} 个月期限将到（${deadline}）`,
  startOverdue: (overBy: number, deadline: string) => `已超过约定开工期限 ${overBy} 天（${deadline}）`,
  startNear: (left: number, deadline: string) => `距约定开工期限还有 ${left} 天（${deadline}）`,
  quietFor: (days: number) => `已 ${days} 天未报进展`,
  overdueCount: (n: number, shown: number) =>
    n > shown ? `超期项目共 ${n} 个，仅列前 ${shown} 个：` : `超期项目 ${n} 个：`,
  pushNoPlatform:
    '没有可以发送推送的聊天平台，现在无法推送。请在 .env 中配置企业微信（WECOM_TOKEN、WECOM_ENCODING_AES_KEY，各群的 WECOM_WEBHOOK_KEYS）或钉钉（DINGTALK_APP_KEY、DINGTALK_APP_SECRET），重启机器人后再试。',
  pushNoGroups: '还没有绑定任何群。请在群里发送「绑定本群 全区」等。',
  pushNoReachableGroup: (n: number) =>
    `已绑定的 ${n} 个群都无法送达：它们所在的平台没有启用，或企业微信群没有在 WECOM_WEBHOOK_KEYS 中配置群机器人 key。在群里发送「绑定本群 …」可看到本群 ID。`,
  pushStarted: (name: string, groups: number) => `已开始推送「${name}」到 ${groups} 个群`,
  pushStartedHow: '消息先写入推送队列再逐条发送（每个机器人每分钟最多 20 条）。发送「推送状态」查看进度。',
  pushSomeUnreachable: (n: number) =>
    `另有 ${n} 个已绑定的群无法送达（平台未启用或没有配置群机器人），不会收到。`,
  pushRunFailed: (name: string, at: string) =>
    `立即推送「${name}」${at} 失败，没有发出任何消息（原因已写入服务器日志）。请稍后再试或联系运维。`,
  noRankingTargets: (year: number) =>
    `还没有单位设置${year}年的目标，无法排名。管理员可发送：设置目标 单位名 ${year}年 市级目标 签约个数10`,
  reminderTitle: (scope: string) => `报送提醒（${scope}）`,
  reminderLines: (from: string, cutOff: string, n: number) => [
    `本期（${from} 起）还有 ${n} 位同事没有报送任何进展，半月调度 ${cutOff} 截止。`,
    '请发送「进度 项目名称 进展内容」报送；确实没有进展的，发送「本期无进展」。',
  ],
  reminderLead: '请以下同事报送：',
  cutOffMissing: (names: string[]) => `半月调度已截止，本期仍未报送：${names.join('、')}。请领导督促：`,
  noProgressRecorded: (from: string) => `已登记：本期（${from} 起）无进展，半月调度将计为已报送。`,
  noProgressAlready: (from: string) => `本期（${from} 起）已登记过「本期无进展」，无需重复。`,
  noProgressNotMember: '「本期无进展」只对成员名单上的成员有效：请管理员先用「添加成员」登记你。',
  reminderPreviewHead: (n: number) => `报送提醒预览：${n} 个单位群（未发送）`,
  reminderPreviewNone: '没有绑定到单位的群，报送提醒不会发给任何群。',
  reminderPreviewQuiet: (group: string) => `${group}：成员都已报送，不发提醒。`,
} as const;
