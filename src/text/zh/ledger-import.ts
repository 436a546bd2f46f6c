import { formatWan } from '../../domain/money.ts';
import { clip } from '../clip.ts';

/** What importing a 台账 workbook tells the importer: each problem by row and column, and the summary. */
export const ledgerImportText = {
  /** The columns problems and changes are named by: 「第 12 行 合同额：…」. */
  importColumn: {
    id: '编号',
    name: '名称',
    stage: '阶段',
    unit: '责任单位',
    chain: '产业链',
    investor: '投资方',
    investment: '投资额',
    major: '重大项目',
    negotiationSince: '在谈日期',
    contractType: '合同类型',
    contractAmount: '合同额',
    signingDate: '签约日期',
    startDeadline: '约定开工期限',
    startDate: '开工日期',
    startType: '开工类型',
    funds: '到位资金合计',
    leader: '包联领导',
    owner: '负责人',
    latestProgress: '最新进展',
    latestProgressDate: '最新进展日期',
    problems: '问题',
    terminationDate: '终止日期',
    terminationReason: '终止原因',
    projectName: '项目名称',
    date: '日期',
    amount: '金额',
    evidence: '凭证',
    destination: '去向',
    tripLeader: '带队',
    districtLeader: '区领导带队',
    enterprises: '对接企业',
    tripUnit: '单位',
  },
  importUsage: `用法：npm run import -- <台账.xlsx> --as <管理员账号> [--dry-run] [--sheet <工作表名>]
读入区里已有的 Excel 项目台账：先整表检查，有任何问题就逐条列出、什么都不写；全部无误才作为一次变更写入，
24 小时内可由导入人发送「撤销」撤回。--dry-run 只列出将新增和修改的内容，不写入。`,
  importNotAdmin: (account: string) => `账号「${account}」不是管理员：只有管理员可以导入台账。`,
  // reading the file
  importFileMissing: (path: string) => `找不到文件「${clip(path, 80)}」。`,
  importFileTooLarge: (mb: string, limitMb: number) =>
    `文件有 ${mb} MB，超过 ${limitMb} MB 的上限，没有读取。请只保留项目台账工作表后另存再导入。`,
  importFileEmpty: '文件是空的（0 字节）。',
  importNotXlsx:
    '这不是 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 里「另存为」Excel 工作簿（*.xlsx）后再导入。',
  importOldXls:
    '这是旧版 Excel 97-2003 文件（.xls）。请在 Excel 或 WPS 里「另存为」Excel 工作簿（*.xlsx）后再导入。',
  importEncrypted:
    '文件设置了打开密码，无法读取。请在 Excel 里取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空）后另存再导入。',
  importCorrupt: (detail: string) =>
    `文件已损坏，无法读取（${clip(detail, 60)}）。请在 Excel 里打开确认后另存再导入。`,
  importTooBigInside: (what: string) =>
    `文件解压后过大或结构异常（${what}），为安全起见没有读取。请只保留项目台账工作表后另存再导入。`,
  // what is wrong inside the zip, said within importCorrupt / importTooBigInside
  zipNoDirectory: 'zip 目录缺失',
  zipBadDirectory: 'zip 目录损坏',
  zipParts: (n: number) => `${n} 个部件`,
  zipUnzippedOver: (mb: number) => `解压后超过 ${mb} MB`,
  zipPartBroken: (name: string) => `部件 ${clip(name, 60)} 损坏`,
  zipPartCut: (name: string) => `部件 ${clip(name, 60)} 不完整`,
  zipPartInflates: (name: string) => `部件 ${clip(name, 60)} 解压后大于声明的大小`,
  zipPartUnreadable: (name: string) => `部件 ${clip(name, 60)} 无法解压`,
  zipPartMethod: (name: string, method: number) => `部件 ${clip(name, 60)} 的压缩方式 ${method} 不支持`,
  zipPartSize: (name: string) => `部件 ${clip(name, 60)} 大小不符`,
  zipMerges: (name: string) => `${clip(name, 60)} 的合并单元格过多或过大`,
  zipCells: (cells: number) => `超过 ${cells} 个单元格`,
  zipRows: (name: string, rows: number) => `${clip(name, 60)} 超过 ${rows} 行`,
  importNoSheet: (name: string, sheets: string[]) =>
    `工作簿里没有名为「${clip(name, 30)}」的工作表。现有工作表：${sheets.map((s) => `「${s}」`).join('、') || '（无）'}。`,
  importNoHeader: (sheet: string) =>
    `工作表「${sheet}」里找不到表头：前 20 行里没有一行同时含有项目名称和至少另一个认识的列名（如 责任单位、签约日期、合同额（万元））。`,
  importNoHeaderAnywhere:
    '工作簿里没有一个工作表找得到台账表头（项目名称、责任单位、签约日期、合同额（万元）……）。可用 --sheet 指定工作表。',
  importSheetEmpty: (sheet: string) => `工作表「${sheet}」表头下面没有任何项目。`,
  // cells
  importAmountUnreadable: (text: string) => `看不懂「${clip(text, 30)}」`,
  importAmountNegative: (text: string) => `金额「${clip(text, 30)}」不能是负数`,
  importAmountTooLarge: (text: string) => `金额「${clip(text, 30)}」超过 1万亿元，请检查单位`,
  importHeaderNoUnit: (header: string) =>
    `表头「${header}」没有写单位：请改成「${header}（万元）」或「${header}（亿元）」，或在每个金额后写明单位`,
  importHeaderUnknownUnit: (header: string, unit: string) =>
    `表头「${header}」的单位「${unit}」不认识：只认 元、万元、亿元`,
  importDateUnreadable: (text: string) =>
    `看不懂日期「${clip(text, 30)}」（可以写 2023-03-05、2023/3/5、2023年3月5日、2023.3.5，或 Excel 日期）`,
  importDateInvalid: (text: string) => `日期「${clip(text, 30)}」不存在`,
  importDateInFuture: (date: string) => `${date} 在今天之后：已发生的事不能是未来的日期`,
  importChoiceUnknown: (text: string, options: string[]) =>
    `看不懂「${clip(text, 20)}」，应为 ${options.join('、')} 之一`,
  importFormulaNoValue: '公式没有保存计算结果：请在 Excel 里打开这个文件、保存一次再导入',
  importCellError: (error: string) => `单元格是错误值 ${error}`,
  importTextTooLong: (limit: number) => `超过 ${limit} 字`,
  importIdNotOurs: (text: string) => `「${clip(text, 20)}」不是本系统的编号（形如 P2023-001）；新项目请留空`,
  // rows, against the ledger
  importMissingName: '没有写项目名称',
  importMissingCell: '没有写',
  importMissingUnit: '新项目要写责任单位',
  importUnknownUnit: (name: string) =>
    `单位「${clip(name, 30)}」不存在：请先「添加单位」，或改成已有单位的名称`,
  importUnknownMember: (name: string) =>
    `「${clip(name, 20)}」不在成员名单上：请先「添加成员」，或改成成员的姓名`,
  importNameLikeId: (name: string) => `名称「${clip(name, 30)}」写成了编号的样子`,
  importNameTaken: (name: string, id: string) => `本单位已有同名项目「${clip(name, 30)}」（${id}）`,
  importDuplicateRow: (row: number) => `与第 ${row} 行是同一个项目`,
  importNeedsSigning: '项目没有签约信息（签约日期、合同类型、合同额）',
  importMissingContractType: '有签约信息却没写合同类型（正式合同、框架协议或意向协议），不会猜',
  importMissingSigningDate: '有签约信息却没写签约日期',
  importMissingContractAmount: '有签约信息却没写合同额',
  importStartNeedsSigning: '没有签约信息的项目不能登记开工',
  importMissingStartDate: '有开工信息却没写开工日期',
  importMissingStartType: '有开工信息却没写开工类型（建安类、设备购置类或开业类），不会猜',
  importMissingTerminationDate: '终止的项目要写终止日期',
  importReasonNotTerminated: '项目没有终止，却写了终止原因',
  importStageContradicts: (wanted: string, data: string) =>
    `写的是「${wanted}」，但按签约、开工日期项目应是「${data}」`,
  importStillTerminated: (wanted: string, date: string) =>
    `写的是「${wanted}」，但项目已于 ${date} 终止：导入不会恢复终止的项目`,
  importNoTerminationReason: '（台账未写原因）',
  importFundsTotalDiffers: (total: number, sum: number) =>
    `合计 ${formatWan(total)} 与到位资金明细之和 ${formatWan(sum)} 不符`,
  importFundsBelowStored: (total: number, stored: number) =>
    `${formatWan(total)} 少于已登记的 ${formatWan(stored)}：减少到位资金请用到位资金明细表更正`,
  importFundsNeedSigning: '没有签约信息的项目不能有到位资金',
  importFundsEvidence: '台账导入（按合计补记）',
  importTripLeaderUnknown: (name: string) =>
    `写明区领导带队，但「${clip(name, 20)}」不在成员名单上：请先「添加成员」（角色领导），或改成成员的姓名`,
  importTripCounts: (added: number, updated: number, unchanged: number) =>
    `外出招商：新增 ${added}，更新 ${updated}，未变 ${unchanged}`,
  importTripAddedLine: (row: number, id: string | null, name: string) =>
    `＋ 外出招商 第 ${row} 行 ${id ? `${id} ` : ''}${name}`,
  importTripUpdatedLine: (row: number, id: string | null, name: string, changes: string[]) =>
    `～ 外出招商 第 ${row} 行 ${id ? `${id} ` : ''}${name}：${changes.join('；')}`,
  importInstalmentProjectUnknown: (ref: string) => `项目台账里没有「${clip(ref, 30)}」这个项目`,
  // the outcome
  importProblemLine: (sheet: string | null, row: number | null, column: string | null, message: string) =>
    `${sheet ? `［${sheet}］` : ''}${row === null ? '' : `第 ${row} 行 `}${column ? `${column}：` : ''}${message}`,
  importRefused: (n: number) => `没有导入：发现 ${n} 处问题，改好后再导入（什么都没有写入）。`,
  importIgnoredColumns: (sheet: string, columns: string[]) =>
    `工作表「${sheet}」中不导入的列：${columns.map((c) => `「${c}」`).join('、')}`,
  importSkippedRows: (total: number, blank: number) =>
    `跳过 ${total} 行（合计/小计行 ${total - blank} 行，空行 ${blank} 行）`,
  importCounts: (added: number, updated: number, unchanged: number) =>
    `新增 ${added}，更新 ${updated}，未变 ${unchanged}`,
  importDryRunTitle: (file: string) => `试导入「${clip(file, 60)}」（--dry-run，没有写入）：`,
  importDoneTitle: (file: string) => `已导入「${clip(file, 60)}」：`,
  importNothingChanged: '台账与系统里的一致，没有需要写入的内容。',
  importUndoHint: '24 小时内导入人发送「撤销」可整批撤回。',
  importAddedLine: (row: number, id: string | null, name: string) =>
    `＋ 第 ${row} 行 ${id ? `${id} ` : ''}${clip(name, 40)}`,
  importUpdatedLine: (row: number, id: string | null, name: string, changes: string[]) =>
    `～ 第 ${row} 行 ${id ? `${id} ` : ''}${clip(name, 40)}：${changes.join('；')}`,
  importNewId: '（新编号）',
  importChange: (label: string, before: string, after: string) => `${label} ${before} → ${after}`,
  importAddedNote: '最新进展 新增一条',
  importAddedProblems: (n: number) => `问题 新增 ${n} 条`,
  importFunds: (count: number, total: string) => `${count} 笔 ${total}`,
  importSummary: (file: string, added: number, updated: number) =>
    `导入台账「${clip(file, 40)}」：新增 ${added} 个项目，更新 ${updated} 个`,
  importJournalText: (file: string, sha256: string, rows: number) =>
    `导入台账 ${file}（sha256 ${sha256}，${rows} 行）`,
  importReading: '读取',
  importFailed: (message: string) => `导入失败，什么都没有写入：${clip(message, 200)}`,
} as const;
