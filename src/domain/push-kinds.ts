import { CronExpressionParser } from 'cron-parser';
import type { PushKind } from '../../storage/schema.ts';
import { ZONE } from '../time/clock.ts';

/** DOMAIN.md's cadence, Asia/Shanghai; each is a setting (`设置 推送时间 …`). */
export const DEFAULT_SCHEDULES: Record<PushKind, string> = {
  halfMonth: '0 9 1,16 * *',
  monthly: '0 9 1 * *',
  quarterly: '0 9 1 1,4,7,10 *',
  annual: '0 9 2 1 *',
  deadlines: '30 8 * * *',
  // the day before each 半月调度 cut-off (the 1st and the 16th): the 15th and the last day of the month
  reminder: '0 16 15,L * *',
};

export const PUSH_NAMES: Record<PushKind, string> = {
  halfMonth: '半月调度',
  monthly: '每月通报',
  quarterly: '季度晾晒',
  annual: '年度考核',
  deadlines: '到期预警',
  reminder: '报送提醒',
};

export function validCron(expression: string): boolean {
  try {
    CronExpressionParser.parse(expression, { tz: ZONE });
    return expression.trim().split(/\s+/).length === 5;
  } catch {
    return false;
  }
}
