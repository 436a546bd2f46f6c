import { clip } from '../clip.ts';

/** What the bot says while it asks for one missing or unclear thing, and when the answer comes. */
export const conversationText = {
  askChoice: (label: string) => `${label}是？`,
  askAmount: (label: string) => `${label}是多少？直接回复金额，如 5亿 或 8000万。`,
  askAmountUnit: (label: string, n: string) =>
    `${label}「${clip(n, 20)}」是 ${clip(n, 20)}亿元 还是 ${clip(n, 20)}万元？`,
  askDate: (label: string) => `${label}是哪一天？直接回复日期，如 11月20日 或 昨天。`,
  askWhichDay: (label: string, vague: string) =>
    `${label}「${clip(vague, 20)}」是哪一天？请直接回复具体日期，如 11月20日、上周四 或 昨天。`,
  askText: (label: string) => `${label}是？直接回复。`,
  askProject: '是哪个项目？直接回复项目名称或编号。',
  askConfirm: '确认登记',
  typoQuestion: (trigger: string) => `您是想「${trigger}」吗？`,
  typoRun: (text: string) => `执行：${text}`,
  askNewProject: (name: string, action: string) =>
    `要新建项目「${clip(name, 40)}」并${action}吗？如果是已有项目或名称不对，请直接回复项目名称。`,
  askNewProjectYes: (name: string) => `是，新建「${clip(name, 40)}」`,
  amountAsWritten: (label: string, said: string, recorded: string) =>
    `${label}原话「${clip(said, 20)}」，按 ${recorded} 记录。`,
  askWhichReport: '这条是要登记哪一项？',
  askCancelOption: '取消',
  askHowToAnswer: '回复序号即可；回复「取消」放弃。10 分钟内有效，其余内容已记住。',
  askHowToAnswerFree: '直接回复即可；回复「取消」放弃。10 分钟内有效，其余内容已记住。',
  askCancelled: '好的，已取消，这条没有记录。',
  askExpired: '这个问题已过期（10 分钟），没有记录。请把原来的消息重新发一遍。',
  askPickNumber: (n: number) => `请回复 1 到 ${n} 之间的序号，或回复「取消」。`,
  askStillWaiting: (question: string) => `上一个问题还在等您回答：${clip(question, 60)}`,
  confirmStartBeforeSigning: (name: string, date: string, signed: string) =>
    `「${name}」的开工日期 ${date} 早于签约日期 ${signed}。确认先开工、后签约吗？`,
  confirmFundsBeforeSigning: (name: string, date: string, signed: string) =>
    `「${name}」的到位日期 ${date} 早于签约日期 ${signed}。确认无误吗？`,
  confirmFundsOverContract: (name: string, total: string, contract: string) =>
    `登记后「${name}」累计到位 ${total}，超过合同额 ${contract} 的 1.5 倍。金额和单位确认无误吗？`,
  confirmSameAmount: (amount: string) => `刚才已登记过 ${amount}，是再到位一笔吗？`,
  confirmSignedAgain: (name: string, before: string, now: string) =>
    `「${name}」已经登记过签约：${before}。要改为 ${now} 吗？`,
  signingAmended: (id: string, name: string) => `✏️ 已更新签约：${id} ${name}`,
};
