import type { ContractType, ProblemCategory, StartType, UnitType } from '../../storage/schema.ts';

/** The words people write for each fixed choice, mapped to the stored value. */
export const CONTRACT_TYPE_WORDS: Record<string, ContractType> = {
  正式合同: '正式合同',
  正式: '正式合同',
  合同: '正式合同',
  框架协议: '框架协议',
  框架: '框架协议',
  意向协议: '意向协议',
  意向: '意向协议',
  意向书: '意向协议',
};

export const START_TYPE_WORDS: Record<string, StartType> = {
  建安类: '建安类',
  建安: '建安类',
  设备购置类: '设备购置类',
  设备购置: '设备购置类',
  设备类: '设备购置类',
  开业类: '开业类',
  开业: '开业类',
};

export const PROBLEM_WORDS: Record<string, ProblemCategory> = {
  资金: '资金',
  融资: '资金',
  土地: '土地',
  用地: '土地',
  政策: '政策',
  审批: '审批',
  手续: '审批',
  其他: '其他',
  其它: '其他',
};

export const UNIT_TYPE_WORDS: Record<string, UnitType> = {
  部门: '部门',
  镇街: '镇街',
  镇: '镇街',
  街道: '镇街',
  乡镇: '镇街',
  园区: '园区',
  驻外招商组: '驻外招商组',
  驻外: '驻外招商组',
  其他: '其他',
};

/** The README and 帮助 show the flag as `[重大]` (brackets mark it optional); people copy the brackets too. */
export const MAJOR_WORDS: Record<string, true> = {
  重大: true,
  重大项目: true,
  '[重大]': true,
  '【重大】': true,
  '[重大项目]': true,
  '【重大项目】': true,
};
