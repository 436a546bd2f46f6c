import type { PushKind } from '../../storage/schema.ts';
import { UserError } from '../core/errors.ts';
import { formatWan } from '../domain/money.ts';
import { DEFAULT_SCHEDULES, PUSH_NAMES, validCron } from '../domain/push-kinds.ts';
import { parseAmount } from '../reader/amount.ts';
import { readFields } from '../reader/fields.ts';
import { parseNumber } from '../reader/numerals.ts';
import { zh } from '../text/zh.ts';
import { formatPercent } from './format.ts';
import { type RaceSettings, SETTINGS, type SettingKey } from './settings.ts';

interface Form<K extends SettingKey> {
  /** How an admin writes the value, shown in refusals and in 查看设置. */
  usage: string;
  /** `current` is the value in force, for settings that change one part of a larger value. */
  read(text: string, current?: RaceSettings[K]): RaceSettings[K];
  show(value: RaceSettings[K]): string;
}

function integer(text: string, suffix: RegExp, what: string): number {
  const n = parseNumber(text.trim().replace(suffix, ''));
  if (n === null || !Number.isInteger(n)) throw new UserError(zh.settingNotInteger(what, text));
  return n;
}

function yesNo(text: string): boolean {
  if (['是', '剔除', 'yes'].includes(text.trim())) return true;
  if (['否', '不剔除', '包含', 'no'].includes(text.trim())) return false;
  throw new UserError(zh.settingNotYesNo(text));
}

const WEIGHT_KEYS = {
  contractAmount: { names: ['正式合同额', '合同额'] },
  contractCount: { names: ['正式合同个数', '签约个数', '签约数'] },
  startedCount: { names: ['开工个数', '开工'] },
  fundsInPlace: { names: ['到位资金'] },
};

/** How each setting is written in `设置 <名称> <值>` and shown back. */
export const SETTING_FORMS: { [K in SettingKey]: Form<K> } = {
  bands: {
    usage: '设置 五色阈值 100 90 70 50（绿、蓝、黄、橙的下限，单位 %）',
    read(text) {
      const parts = text.split(/[\s,、%]+/).filter(Boolean);
      const values = parts.map((p) => parseNumber(p));
      if (values.length !== 4 || values.some((v) => v === null)) {
        throw new UserError(zh.bandsNotFour(text));
      }
      const bands = values.map((v) => (v as number) / 100) as RaceSettings['bands'];
      const checked = SETTINGS.bands.schema.safeParse(bands);
      if (!checked.success) throw new UserError(checked.error.issues[0]?.message ?? zh.bandsOutOfOrder);
      return checked.data;
    },
    show: (v) => v.map((x) => formatPercent(x)).join(' / '),
  },
  direction: {
    usage: '设置 色阶方向 绿高（绿色最好）| 红高（红色最好）',
    read(text) {
      if (text.trim() === '绿高') return 'green-high';
      if (text.trim() === '红高') return 'red-high';
      throw new UserError(zh.directionUnknown(text));
    },
    show: (v) => (v === 'green-high' ? '绿高（绿色最好）' : '红高（红色最好）'),
  },
  weights: {
    usage: '设置 权重 合同额40 签约个数20 开工20 到位资金20',
    read(text) {
      const raw = readFields(text, { keys: WEIGHT_KEYS });
      const out: RaceSettings['weights'] = { ...SETTINGS.weights.default };
      for (const key of Object.keys(WEIGHT_KEYS) as Array<keyof typeof out>) {
        const v = raw[key];
        if (typeof v === 'string') out[key] = integer(v, /分$/, '权重');
      }
      if (Object.keys(raw).length === 0) throw new UserError(zh.weightsNone);
      if (Object.values(out).every((w) => w === 0)) throw new UserError(zh.weightsAllZero);
      return out;
    },
    show: (v) =>
      `合同额${v.contractAmount} 签约个数${v.contractCount} 开工${v.startedCount} 到位资金${v.fundsInPlace}`,
  },
  boardSize: {
    usage: '设置 红黑榜人数 3',
    read: (text) => {
      const n = integer(text, /[个名]$/, '红黑榜人数');
      if (n < 1 || n > 20) throw new UserError(zh.boardSizeRange);
      return n;
    },
    show: (v) => `${v} 名`,
  },
  progressMode: {
    usage: '设置 序时方式 按月 | 按天',
    read(text) {
      if (text.trim() === '按月') return 'months';
      if (text.trim() === '按天') return 'days';
      throw new UserError(zh.progressModeUnknown(text));
    },
    show: (v) => (v === 'months' ? '按月（已过月数 ÷ 12）' : '按天（已过天数 ÷ 全年天数）'),
  },
  rankingTier: {
    usage: '设置 排名目标档 市级目标',
    read: (text) => {
      if (!text.trim()) throw new UserError(zh.rankingTierEmpty);
      return text.trim();
    },
    show: (v) => v,
  },
  startRateExcludesTerminated: {
    usage: '设置 开工率剔除终止 是 | 否',
    read: yesNo,
    show: (v) => (v ? '是（终止项目不计入分子分母，单列）' : '否（终止项目留在分母中）'),
  },
  majorThresholdWan: {
    usage: '设置 重大项目门槛 10亿元',
    read: (text) => parseAmount(text),
    show: (v) => formatWan(v),
  },
  negotiationMonths: {
    usage: '设置 在谈期限 3个月',
    read: (text) => integer(text, /个?月$/, '在谈期限'),
    show: (v) => `${v} 个月`,
  },
  majorNegotiationMonths: {
    usage: '设置 重大在谈期限 6个月',
    read: (text) => integer(text, /个?月$/, '重大在谈期限'),
    show: (v) => `${v} 个月`,
  },
  startWarningDays: {
    usage: '设置 开工预警天数 30',
    read: (text) => integer(text, /天$/, '开工预警天数'),
    show: (v) => `${v} 天`,
  },
  pushSchedules: {
    usage:
      '设置 推送时间 半月调度 0 9 1,16 * *（分 时 日 月 周，北京时间；类型：半月调度、每月通报、季度晾晒、年度考核、到期预警、报送提醒）',
    read(text, current?: RaceSettings['pushSchedules']) {
      const [name, ...rest] = text.trim().split(/\s+/);
      const kind = (Object.entries(PUSH_NAMES).find(([, n]) => n === name)?.[0] ?? null) as PushKind | null;
      const expression = rest.join(' ');
      if (!kind) throw new UserError(zh.pushKindUnknown(name ?? '', Object.values(PUSH_NAMES)));
      if (!validCron(expression)) throw new UserError(zh.cronInvalid(expression));
      return { ...(current ?? DEFAULT_SCHEDULES), [kind]: expression };
    },
    show: (v) => (Object.keys(PUSH_NAMES) as PushKind[]).map((k) => `${PUSH_NAMES[k]} ${v[k]}`).join('；'),
  },
  shiftToWorkday: {
    usage: '设置 节假日顺延 是 | 否（遇周末和法定节假日顺延到下一个工作日）',
    read: yesNo,
    show: (v) => (v ? '是' : '否'),
  },
  staleNoteDays: {
    usage: '设置 进展提醒天数 30',
    read: (text) => integer(text, /天$/, '进展提醒天数'),
    show: (v) => `${v} 天`,
  },
};

export function settingByLabel(label: string): SettingKey | null {
  const entry = Object.entries(SETTINGS).find(([, def]) => def.label === label.trim());
  return entry ? (entry[0] as SettingKey) : null;
}
