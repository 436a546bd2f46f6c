/** What the command-line tools and the start-up log tell the operator, and the platforms' delivery notes. */
export const operatorText = {
  // npm run backup
  backupInDatabase:
    '台账存在 PostgreSQL 里（设置了 SAIMA_DATABASE_URL）：请用数据库自己的备份（pg_dump、云数据库的备份）。npm run backup 只备份数据目录里的文件；要得到一份数据目录形式的副本，用 npm run migrate-store -- --to files。',
  backupUsage: `用法：npm run backup -- <备份目录> [--district 区代码]
把 SAIMA_DATA_DIR 复制到一个新的（不存在或为空的）目录。机器人运行时也可以备份，不必停机。
多区部署（设置了 SAIMA_DISTRICTS）备份每个区和市级，各在自己的子目录里（districts/<区代码>/、city/），
和数据目录的结构相同；--district 只备份一个区（或 city），备份目录就是这一个区的数据目录。
恢复：停止机器人，把备份目录复制为新的数据目录（cp -a 备份目录 数据目录），再启动。`,
  backupNote: (note: string) => `说明：${note}`,
  backupDone: (from: string, to: string, seq: number, snapshot: string, journal: string, seconds: string) =>
    `备份完成：${from} → ${to}\n` +
    `包含到第 ${seq} 条变更；快照 ${snapshot}，日志 ${journal}；` +
    `用时 ${seconds} 秒。备份已按启动时的方式打开校验过。`,
  backupFailed: (message: string) => `备份失败：${message}`,
  // npm run chat
  chatUsage: `用法：npm run chat -- --as <账号> [--chat <群ID>] [--id <消息ID>] "<消息>"
不写消息则进入交互模式（输入 exit 退出）。`,
  chatLocalStatus: (status: number | undefined) => `本地通道返回 ${status}`,
  localSocketNotPrivate: (dir: string) => `本机套接字目录 ${dir} 不是本用户私有的目录`,
  // start-up
  wecomOff:
    '未启用（设置 WECOM_TOKEN 和 WECOM_ENCODING_AES_KEY，或 WECOM_MODE=longconn 与 WECOM_BOT_ID、WECOM_BOT_SECRET 后启用）',
  dingtalkOff: '未启用（设置 DINGTALK_APP_KEY 和 DINGTALK_APP_SECRET 后启用）',
  noPlatformNote: '未配置任何聊天平台：可用 npm run chat 与机器人对话',
  pushesOn: '已启用定时推送（北京时间）',
  pushesOff: '未启用（没有聊天平台）',
  cannotStart: (message: string) => `saima 无法启动：${message}`,
  // a group that can no longer be reached, told to the district groups
  groupUnreachableTitle: '推送失败',
  groupUnreachable: (platform: string, chatId: string, error: string) =>
    `⚠️ 推送失败：${platform} 群 ${chatId} 已无法送达（${error}）。管理员请检查该群的机器人配置，发送「推送状态」查看。`,
  // why a platform could not deliver (kept in the outbox, shown in 推送状态)
  textVersionAbove: '（文字版见上一条）',
  dingtalkNoPublicUrl: '未设置 SAIMA_PUBLIC_URL，钉钉自定义机器人无法发送图片（文字版已发送）',
  dingtalkAppInvalid: '钉钉 AppKey/AppSecret 无效或应用已停用，群推送已停止',
  wecomAppTruncated: (first: string) => `${first}\n（内容较长，未显示完；请在群里查询）`,
  wecomAppTextOnly: '自建应用只能回复成员本人的文字',
  wecomResponseUrlOff: 'response_url 未启用',
  platformOff: (platform: string) => `平台 ${platform} 未启用`,
  inMemoryStore: '内存（不落盘）',
  wecomNoGroupRobot: '本群没有配置群机器人（WECOM_WEBHOOK_KEYS）',
} as const;
