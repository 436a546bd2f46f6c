/** What `设置` says when a value cannot be read. */
export const settingsText = {
  settingNotInteger: (what: string, t: string) => `${what}请写整数，收到「${t}」。`,
  settingNotYesNo: (t: string) => `请写「是」或「否」，收到「${t}」。`,
  bandsNotFour: (t: string) => `五色阈值要写 4 个百分数，收到「${t}」。`,
  bandsOutOfOrder: '五色阈值须从高到低排列且大于 0',
  directionUnknown: (t: string) => `色阶方向写「绿高」或「红高」，收到「${t}」。`,
  weightsNone: '没有写任何权重。',
  weightsAllZero: '权重不能全为 0。',
  boardSizeRange: '红黑榜人数在 1 到 20 之间。',
  progressModeUnknown: (t: string) => `序时方式写「按月」或「按天」，收到「${t}」。`,
  rankingTierEmpty: '请写目标档名称，如 市级目标。',
  pushKindMissing: (names: readonly string[]) => `请写推送类型：${names.join('、')}`,
  pushKindUnknown: (t: string, names: readonly string[]) =>
    `推送类型「${t}」不认识，可选：${names.join('、')}。`,
  cronInvalid: (t: string) => `「${t}」不是有效的时间表达式（分 时 日 月 周）。`,
} as const;
