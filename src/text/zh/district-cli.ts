/** What the command-line tools tell the operator of a many-district deployment (SAIMA_DISTRICTS). */
export const districtCliText = {
  districtChoices: (ledgers: ReadonlyArray<{ id: string; name: string | null }>) =>
    ledgers.map((l) => (l.name ? `${l.id}（${l.name}）` : l.id)).join('、'),
  districtFlagNeeded: (choices: string) =>
    `这是多区部署（设置了 SAIMA_DISTRICTS）：请用 --district 指定哪个区，可选：${choices}`,
  districtFlagUnknown: (value: string, choices: string) =>
    `没有代码或名称为「${value}」的区；可选：${choices}`,
  districtFlagOneDistrict: (value: string) =>
    `--district ${value} 只用于多区部署（设置了 SAIMA_DISTRICTS 时）；这个部署只有一个区，不用写它`,
  districtsStreamHoldsLedger:
    '数据库里有一本单区部署的台账（日志流 district），还没有任何一个区的台账，多区部署不读它：' +
    '请按 README「从一个区改成多区部署」把它搬到某个区的日志流（district:<区代码>）；什么也没有做。',
  districtsRootHoldsLedger: (dir: string) =>
    `数据目录 ${dir} 下直接放着一本单区部署的台账（saima.json 或 journal.jsonl），多区部署不读它：` +
    '请按 README「从一个区改成多区部署」把它搬进 districts/<区代码>/，或移到别处保存；什么也没有做。',
  // npm run backup
  backupPartDone: (part: string, seq: number, snapshot: string, journal: string) =>
    `  ${part}：包含到第 ${seq} 条变更；快照 ${snapshot}，日志 ${journal}`,
  backupPartMissing: (part: string) => `  ${part}：还没有数据（服务器还没在它上面启动过），跳过`,
  backupDeploymentDone: (from: string, to: string, ledgers: number, seconds: string) =>
    `备份完成：${from} → ${to}\n` +
    `${ledgers} 本台账，各在自己的子目录里，目录结构和数据目录相同；用时 ${seconds} 秒。每本都已按启动时的方式打开校验过。`,
  backupNoLedgers: (dir: string) =>
    `${dir} 下没有任何一个区或市级的台账（districts/<区代码>/、city/）：请检查 SAIMA_DATA_DIR 和 SAIMA_DISTRICTS`,
  backupUnknownFlag: (flag: string) => `不认识的参数 ${flag}；可用的参数：--district、--help`,
  backupFlagNeedsValue: (flag: string) => `参数 ${flag} 后面要写值，如 --district gaoxin`,
  backupUnknownOption: (message: string) => `看不懂命令行参数：${message}`,
  // npm run migrate-store
  migrateNeedsDistrict: (choices: string) =>
    `这是多区部署（设置了 SAIMA_DISTRICTS）：请用 --district 指定搬哪个区的台账（它的目录和数据库里的台账名都由它定），可选：${choices}；` +
    '或者用 --stream 写明台账名，并让 SAIMA_DATA_DIR 指向那个区的目录。',
  migrateNextDistrictPostgres: (ledger: string) =>
    `下一步：${ledger} 已在数据库里。每个区和市级（city）都这样搬完后，在 .env 里设置同一个 SAIMA_DATABASE_URL 再启动机器人（npm start）；` +
    '数据目录里 districts/ 和 city/ 下的台账不再使用，请勿再用它们启动，以免两边各记一份。',
  migrateNextDistrictFiles: (ledger: string) =>
    `下一步：${ledger} 已搬回数据目录。每个区和市级（city）都这样搬回后，去掉 .env 里的 SAIMA_DATABASE_URL（SAIMA_DATA_DIR 不变）再启动机器人（npm start）；` +
    '数据库里的台账不再使用，请勿再连它启动。',
  migrateDistrictAndStream:
    '--district 已经定了数据库里的台账名（district:<区代码>，市级是 city），不要再写 --stream。',
} as const;
