/**
 * What a project's fields are called wherever a change to them is shown — 修改's reply, the project
 * page's history and the 台账's 变更记录 — so the three never name one field two ways.
 */
export const PROJECT_FIELD_NAMES: Record<string, string> = {
  name: '名称',
  investor: '投资方',
  chain: '产业链',
  unitId: '责任单位',
  leaderName: '包联领导',
  ownerName: '负责人',
  investmentWan: '投资额',
  major: '重大项目',
  stage: '阶段',
  negotiationSince: '在谈日期',
  signing: '签约',
  start: '开工',
  termination: '终止',
  instalments: '到位资金',
  notes: '进展',
  problems: '问题',
};
