/** What `npm run migrate-store` tells the operator moving a district between the data directory and PostgreSQL. */

/** The collections in the summary, in the order the bureau thinks of them; bookkeeping last. */
const COLLECTION_NAMES: Record<string, string> = {
  units: '单位',
  members: '成员',
  projects: '项目',
  trips: '外出招商',
  targets: '目标',
  chains: '专班',
  settings: '设置',
  bindings: '群绑定',
  challenges: '揭榜任务',
  honours: '上榜',
  pushRuns: '推送记录',
  outbox: '待发消息',
  counters: '编号计数',
  messages: '已处理消息',
  changes: '可撤销变更',
  conversations: '待回答问题',
  webSessions: '看板登录',
};

export const migrateStoreText = {
  migrateUsage: `用法：npm run migrate-store -- --to postgres [--stream 名称 | --district 区代码]
      npm run migrate-store -- --to files [--stream 名称 | --district 区代码]
--to postgres  把数据目录（SAIMA_DATA_DIR）里的台账搬进数据库（SAIMA_DATABASE_URL）
--to files     把数据库里的台账搬回数据目录（SAIMA_DATA_DIR，须不存在或为空）
--stream       数据库里这个区的台账名（默认 district）
--district     多区部署（设置了 SAIMA_DISTRICTS）：搬这个区（或 city）的台账，目录是数据目录下的
               districts/<区代码>/（city/），台账名是 district:<区代码>（city），不用再写 --stream
搬之前先停止机器人；目标必须是空的。搬完用目标自己的存储引擎打开，逐条比对记录、变更记录和各项指标，
全部相同才算完成；源原样保留。退出码：0 完成，2 参数或前提不对（什么也没写），3 比对不一致（目标已清除），1 其他失败（目标没有写入）。`,
  migrateUnknownFlag: (flag: string) =>
    `不认识的参数 ${flag}；可用的参数：--to、--stream、--district、--help`,
  migrateFlagNeedsValue: (flag: string) => `参数 ${flag} 后面要写值，如 --to postgres、--stream district`,
  migrateStrayWord: (word: string) => `多余的「${word}」：每个值前面要写参数名，如 --to postgres`,
  migrateUnknownOption: (message: string) => `看不懂命令行参数：${message}`,
  migrateNeedsTo:
    '请用 --to 说明往哪里搬：--to postgres（数据目录 → 数据库）或 --to files（数据库 → 数据目录）。',
  migrateBadTo: (value: string) => `--to 只能是 postgres 或 files，不认识「${value}」。`,
  migrateBadStream: (value: string) => `--stream 要写 1 到 100 个字的名称，不认识「${value}」。`,
  migrateNeedsDatabaseUrl:
    '没有设置 SAIMA_DATABASE_URL：请在环境变量或 .env 里写上数据库连接串（postgres://用户:密码@主机:5432/库名）再运行。',
  migrateDatabaseName: (url: string, stream: string) => `PostgreSQL ${url}（台账 ${stream}）`,
  migrateDatabaseUnreachable: (url: string, message: string) =>
    `连不上数据库 ${url}：${message}。请检查 SAIMA_DATABASE_URL 和数据库是否在运行；什么也没有写入。`,
  migrateTargetStreamNotEmpty: (url: string, stream: string, rows: number, snapshots: number) =>
    `数据库 ${url} 里已经有台账 ${stream}（${rows} 条变更记录，${snapshots} 个快照），不会覆盖或合并；什么也没有写入。` +
    '请换一个空的数据库，或用 --stream 指定一个新的台账名。',
  migrateSourceDirMissing: (dir: string) =>
    `数据目录 ${dir} 不存在：请让 SAIMA_DATA_DIR 指向要搬的数据目录；什么也没有写入。`,
  migrateSourceDirEmpty: (dir: string) =>
    `数据目录 ${dir} 里没有台账（没有 saima.json，也没有变更日志）：请让 SAIMA_DATA_DIR 指向要搬的数据目录；什么也没有写入。`,
  migrateSourceInUse: (locked: string) =>
    `${locked}\n迁移要在机器人停止后进行：运行中的机器人还会继续登记，这些变更不会进入数据库。请先停止机器人（和 npm run chat），再运行迁移；什么也没有写入。`,
  migrateSourceStreamEmpty: (source: string) =>
    `${source} 里没有台账可搬：请检查 SAIMA_DATABASE_URL 和 --stream；什么也没有写入。`,
  migrateTargetNotDir: (dir: string) =>
    `SAIMA_DATA_DIR=${dir} 是一个文件，不是目录：请指定一个不存在的或空的目录；什么也没有写入。`,
  migrateTargetDirNotEmpty: (dir: string, entries: string[]) =>
    `数据目录 ${dir} 不是空的（有 ${entries.slice(0, 5).join('、')}${entries.length > 5 ? ` 等 ${entries.length} 项` : ''}），不会覆盖或合并：` +
    '请让 SAIMA_DATA_DIR 指向一个不存在的或空的目录；什么也没有写入。',
  migrateTargetMountPoint: (dir: string) =>
    `数据目录 ${dir} 是挂载点（如容器的数据卷），无法整体放入：请指定其中一个新的子目录（如 ${dir}/saima）作为 SAIMA_DATA_DIR；什么也没有写入。`,
  migrateJournalGap: (where: string, expected: number, found: number | null) =>
    `${where} 的变更日志不完整：缺少第 ${expected} 条变更${found === null ? '（日志到此为止）' : `（下一条是第 ${found} 条）`}。` +
    '数据库只保存完整的变更记录，所以没有写入任何内容；请从备份中找回缺少的日志文件后再迁移。',
  migrateSourceMoved: (seq: number, last: number) =>
    `搬的过程中数据库里又有了新的变更（搬的是到第 ${seq} 条，现在已到第 ${last} 条）：还有机器人实例连着这个台账在运行。` +
    '数据目录没有写入；请停止所有实例后再迁移。',
  migrateReadingDataDir: (dir: string) => `正在读取数据目录 ${dir}（已锁定，迁移期间机器人无法在此启动）…`,
  migrateReadingDatabase: (source: string) => `正在读取 ${source}…`,
  migrateWriting: (target: string) => `正在写入 ${target}…`,
  migrateComparing: '正在用目标的存储引擎打开并逐项比对…',
  // comparing
  migrateAbsent: '（无）',
  migrateLengthDiffers: (path: string, a: number, b: number) => `${path}：源有 ${a} 项，目标有 ${b} 项`,
  migrateSeqDiffers: (a: number, b: number) => `变更序号 seq：源是 ${a}，目标是 ${b}`,
  migrateRecordDiffers: (collection: string, id: string, found: string) =>
    `${COLLECTION_NAMES[collection] ?? collection} ${id}：${found}`,
  migrateRecordOnlyIn: (collection: string, id: string, onlyInTarget: boolean) =>
    `${COLLECTION_NAMES[collection] ?? collection} ${id} ${onlyInTarget ? '只在目标里有' : '在目标里没有'}`,
  migrateOrderDiffers: (collection: string, position: number, a: string, b: string) =>
    `${COLLECTION_NAMES[collection] ?? collection}的顺序：第 ${position} 条源是 ${a}，目标是 ${b}`,
  migrateJournalLengthDiffers: (seq: number, onlyInTarget: boolean) =>
    `变更记录第 ${seq} 条${onlyInTarget ? '只在目标里有' : '在目标里没有'}`,
  migrateJournalRecordDiffers: (seq: number, found: string) => `变更记录第 ${seq} 条：${found}`,
  migrateDistrictTotals: (title: string) => `${title}（全区合计）`,
  migrateDistrictProgress: '全区进度',
  migrateIndicatorDiffers: (name: string, found: string) => `指标「${name}」：${found}`,
  migrateTargetUnopened: (message: string) => `目标无法用它的存储引擎打开：${message}`,
  migrateMismatch: '比对发现目标和源不一致：',
  migrateUndonePostgres: (dataDir: string, stream: string) =>
    `已把刚写入数据库的台账 ${stream} 删除，数据库恢复为迁移前的样子。数据目录 ${dataDir} 原样未动：请继续用它运行机器人（不要设置 SAIMA_DATABASE_URL），并把以上输出交给维护人员。`,
  migrateNotUndonePostgres: (stream: string) => {
    const literal = `'${stream.replaceAll("'", "''")}'`;
    return (
      `未能自动删除刚写入数据库的台账 ${stream}（可能已有实例连上并写入）。请不要让机器人用这个数据库：停止连着它的实例，` +
      `在数据库里执行 DELETE FROM saima_journal WHERE stream = ${literal}; DELETE FROM saima_snapshots WHERE stream = ${literal}; ` +
      '然后继续用原来的数据目录，并把以上输出交给维护人员。'
    );
  },
  migrateUndoneFiles: (dataDir: string) =>
    `数据目录 ${dataDir} 没有写入（临时目录已删除）；数据库原样未动，请继续用它运行机器人，并把以上输出交给维护人员。`,
  // the summary
  migrateDone: (r: {
    from: string;
    to: string;
    seq: number;
    records: number;
    legacy: number;
    counts: Record<string, number>;
    indicators: string[];
    seconds: string;
  }) => {
    const counts = Object.keys(COLLECTION_NAMES)
      .filter((c) => (r.counts[c] ?? 0) > 0)
      .map((c) => `${COLLECTION_NAMES[c]} ${r.counts[c]}`)
      .join('，');
    const rankings = r.indicators.filter((n) => n.endsWith('晾晒') || n.endsWith('排名'));
    return [
      `迁移完成：${r.from} → ${r.to}，用时 ${r.seconds} 秒。`,
      `  到第 ${r.seq} 条变更；变更记录 ${r.records} 条${r.legacy > 0 ? `（其中 ${r.legacy} 条是 v6 之前的旧格式）` : ''}，逐条相同。`,
      `  记录：${counts || '（空）'}，逐条相同。`,
      `  指标：${rankings.length} 期排名（${rankings[0] ?? ''}${rankings.length > 1 ? ` … ${rankings[rankings.length - 1]}` : ''}）` +
        `及每期全区合计、全区进度，共 ${r.indicators.length} 项，全部相同。`,
      '源原样保留，可作备份。',
    ].join('\n');
  },
  migrateNextPostgres:
    '下一步：在 .env 里设置同一个 SAIMA_DATABASE_URL 后启动机器人（npm start）；数据目录不再使用，请勿再用它启动，以免两边各记一份。',
  migrateNextFiles:
    '下一步：去掉 .env 里的 SAIMA_DATABASE_URL，SAIMA_DATA_DIR 指向这个目录后启动机器人（npm start）；数据库里的台账不再使用，请勿再连它启动。',
  migrateRefused: (message: string) => `迁移没有进行：${message}`,
  migrateFailed: (message: string) =>
    `迁移没有完成：${message}\n目标没有写入任何内容（数据库的事务已回滚，或临时目录已删除），源原样未动。`,
} as const;
