/** Every sentence the bot says to a person, in one place. */
export const zh = {
  // reading amounts and dates
  amountUnreadable: (t: string) => `看不懂金额「${t}」。请写数字加单位，如 5亿、3.2亿元、8000万、十二亿。`,
  amountNeedsUnit: (t: string) =>
    `金额「${t}」没有单位：是 ${t}亿、${t}万 还是 ${t}元？请带上单位重新发送（如 ${t}万）。`,
  amountNotPositive: (t: string) => `金额「${t}」必须大于零。`,
  amountTooLarge: (t: string) => `金额「${t}」超过 1万亿元，请检查单位是否写错。`,
  dateUnreadable: (t: string) =>
    `看不懂日期「${t}」。可以写 2023-06-01、2023/6/1、2023年6月1日、6月1日、今天、昨天 或 前天。`,
  dateInvalid: (t: string) => `日期「${t}」不存在，请检查年月日。`,
  dateInFuture: (t: string) => `日期「${t}」在今天之后：已发生的事（签约、开工、到位）不能登记未来的日期。`,
  yearUnreadable: (t: string) => `看不懂年份「${t}」，请写成 2023年。`,
  numberUnreadable: (t: string) => `看不懂数字「${t}」。`,

  // reading fields
  fieldEmpty: (name: string) => `「${name}」后面缺少内容。`,
  fieldTwice: (name: string) => `「${name}」写了两次，请只写一次。`,
  fieldUnknown: (t: string) =>
    `看不懂「${t}」属于哪一项。每一项请写成「键 值」，如 合同额5亿、日期2023-05-20。`,
  fieldMissing: (name: string) => `缺少「${name}」。`,
  enumUnknown: (name: string, t: string, options: readonly string[]) =>
    `${name}「${t}」不在可选范围内，可选：${options.join('、')}。`,

  // who may do what
  unknownSender: (account: string) =>
    `还不认识您（账号 ${account}）。请联系区招商投资局管理员，发送：添加成员 您的姓名 账号${account} 单位您的单位 角色成员`,
  denied: (what: string, need: string) =>
    `「${what}」需要${need}权限，您没有。可发送「帮助」查看您能用的命令。`,
  notYourUnit: (project: string, unit: string) =>
    `项目「${project}」属于${unit}，您只能登记和修改本单位的项目。如需调整请联系管理员。`,
  notYourUnitRead: (project: string) => `项目「${project}」不属于您的单位，成员只能查看本单位项目。`,
  noUnitForMember: '您还没有所属单位，不能登记项目。请联系管理员：添加成员 … 单位…',
  adminNeedsUnit: '请用「单位…」指明责任单位（管理员没有所属单位）。',

  // understanding messages
  notUnderstood: (t: string) => `没看懂「${t}」。`,
  didYouMean: (triggers: string[]) => `您是不是想用：${triggers.join('、')}？`,
  seeHelp: '发送「帮助」查看全部命令，或「帮助 登记签约」查看某条命令的写法。',
  emptyMessage: '消息是空的。发送「帮助」查看可用命令。',
  internalError: '抱歉，处理这条消息时出了问题，内容没有保存。请稍后再试，或联系管理员。',
  duplicateMessage: (summary: string) => `这条消息已经处理过（${summary}），不会重复登记。`,
  // replies that could not be given at once
  repliesMerged: (n: number) => `以下 ${n} 条登记已保存：`,
  replyConfirmation: (name: string, summary: string) => `${name}：${summary}`,
  replyUrlExpired: '回复地址已过期，单聊无法改发到群，这条回复没有送达',
  replyUnknown: '回复不确定是否送达（发送时进程中断），不会重发',
  replyFailed: '回复未送达',
  duplicateRead: '这条消息已经回复过。',

  // projects
  projectUnknown: (ref: string) => `没有找到项目「${ref}」。`,
  projectClosest: (names: string[]) => `相近的项目：${names.join('、')}。`,
  projectNoneClose: '可以发送「我的项目」看看本单位的项目，或用项目编号（如 P2023-017）。',
  projectMany: (ref: string, n: number) => `「${ref}」对应 ${n} 个项目，请回复序号选择，或直接用编号：`,
  projectNewOption: (name: string) => `新建项目「${name}」`,
  choiceExpired: '序号选择已过期，请重新发送原来的命令。',
  projectNameTaken: (name: string, id: string) =>
    `已有同名项目「${name}」（${id}），请换一个名称或使用该项目编号。`,
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
  noteEmpty: '进度内容是空的，请在项目名后写上进展。',
  problemEmpty: '问题内容是空的，请写明卡在哪里。',

  // units, members, targets, bindings, challenges
  unitExists: (name: string) => `单位「${name}」已存在。`,
  unitUnknown: (name: string) => `没有单位「${name}」。请先：添加单位 ${name} 类型部门`,
  memberNameTaken: (name: string, account: string) =>
    `已有同名成员「${name}」（账号 ${account}），请在姓名后加以区分。`,
  memberNoUnit: '成员和领导以外的角色才可以没有单位；成员请写「单位…」。',
  targetNoValues:
    '没有写任何指标。可写：签约个数40、合同额20亿、开工15、到位资金3亿、外出招商10、对接企业30、开工率40%。',
  scopeUnknown: (t: string) => `看不懂范围「${t}」。可写：全区、单位名称、专班铝产业、领导张三。`,
  bindNeedsGroup: '「绑定本群」只能在群里使用。',
  challengeUnknown: (n: number) => `没有第 ${n} 号榜。发送「英雄榜」查看。`,
  challengeAlreadyClaimed: (n: number, who: string) => `${who} 已经揭过第 ${n} 号榜。`,

  // undo
  nothingToUndo: '24 小时内您没有可以撤销的登记。',
  undoConflict: (summary: string) => `「${summary}」之后这些记录又被改过，不能直接撤销；请用「修改」更正。`,
} as const;
