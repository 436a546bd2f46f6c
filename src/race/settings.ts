import { z } from 'zod';
import { freeze } from '../../storage/frozen.ts';
import type { Store } from '../../storage/store.ts';
import { DEFAULT_SCHEDULES, validCron } from '../domain/push-kinds.ts';
import { zh } from '../text/zh.ts';

const percentBands = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .refine(([a, b, c, d]) => a > b && b > c && c > d && d > 0, zh.bandsOutOfOrder);

/** Every setting of the horse race, with its default (DOMAIN.md) and the shape a stored value must have. */
export const SETTINGS = {
  bands: {
    label: '五色阈值',
    schema: percentBands,
    default: [1, 0.9, 0.7, 0.5] as [number, number, number, number],
  },
  direction: {
    label: '色阶方向',
    schema: z.enum(['green-high', 'red-high']),
    default: 'green-high' as const,
  },
  weights: {
    label: '权重',
    schema: z.object({
      contractAmount: z.number().nonnegative(),
      contractCount: z.number().nonnegative(),
      startedCount: z.number().nonnegative(),
      fundsInPlace: z.number().nonnegative(),
    }),
    default: { contractAmount: 40, contractCount: 20, startedCount: 20, fundsInPlace: 20 },
  },
  boardSize: { label: '红黑榜人数', schema: z.number().int().min(1).max(20), default: 3 },
  progressMode: { label: '序时方式', schema: z.enum(['months', 'days']), default: 'months' as const },
  rankingTier: { label: '排名目标档', schema: z.string().min(1), default: '市级目标' },
  startRateExcludesTerminated: { label: '开工率剔除终止', schema: z.boolean(), default: true },
  majorThresholdWan: { label: '重大项目门槛', schema: z.number().positive(), default: 100_000 },
  negotiationMonths: { label: '在谈期限', schema: z.number().int().min(1).max(36), default: 3 },
  majorNegotiationMonths: { label: '重大在谈期限', schema: z.number().int().min(1).max(36), default: 6 },
  startWarningDays: { label: '开工预警天数', schema: z.number().int().min(1).max(365), default: 30 },
  staleNoteDays: { label: '进展提醒天数', schema: z.number().int().min(1).max(365), default: 30 },
  pushSchedules: {
    label: '推送时间',
    schema: z.object({
      halfMonth: z.string().refine(validCron),
      monthly: z.string().refine(validCron),
      quarterly: z.string().refine(validCron),
      annual: z.string().refine(validCron),
      deadlines: z.string().refine(validCron),
      // added after the others: a value stored before it existed still parses
      reminder: z.string().refine(validCron).default(DEFAULT_SCHEDULES.reminder),
    }),
    default: DEFAULT_SCHEDULES,
  },
  shiftToWorkday: { label: '节假日顺延', schema: z.boolean(), default: true },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type RaceSettings = { [K in SettingKey]: z.output<(typeof SETTINGS)[K]['schema']> };

/** Settings read from each set of stored values (`Store.storedSettings` keeps one object per set). */
const settingsRead = new WeakMap<object, RaceSettings>();

/** The settings in force: stored values where valid, defaults elsewhere. Frozen, read once per change of them. */
export function readSettings(store: Store): RaceSettings {
  const stored = store.storedSettings();
  const known = settingsRead.get(stored);
  if (known) return known;
  const out = {} as Record<string, unknown>;
  for (const [key, def] of Object.entries(SETTINGS)) {
    const parsed = key in stored ? def.schema.safeParse(stored[key]) : null;
    out[key] = parsed?.success ? parsed.data : def.default;
  }
  const settings = freeze(out as RaceSettings);
  settingsRead.set(stored, settings);
  return settings;
}
