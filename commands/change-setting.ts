import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { SETTING_FORMS, settingByLabel } from '../src/race/setting-forms.ts';
import { readSettings, SETTINGS, type SettingKey } from '../src/race/settings.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

const LABELS: string[] = Object.values(SETTINGS).map((s) => s.label);

export default defineCommand({
  id: 'change-setting',
  triggers: ['设置'],
  summary: '修改赛马设置：五色阈值、色阶方向、权重、红黑榜人数、序时方式、排名目标档等',
  usage:
    '设置 五色阈值 100 90 70 50 | 设置 权重 合同额40 签约个数20 开工20 到位资金20 | 发送「查看设置」看全部',
  examples: ['设置 五色阈值 100 90 70 50', '设置 色阶方向 绿高', '设置 序时方式 按天'],
  access: 'admin',
  writes: true,
  args: {
    name: field.custom({ at: 'bare', accepts: (t) => LABELS.includes(t) }, () =>
      z.string({ error: zh.settingNameMissing(LABELS) }),
    ),
    value: field.rest(zh.settingValueMissing),
  },
  handle(args, ctx) {
    const key = settingByLabel(args.name) as SettingKey;
    const form = SETTING_FORMS[key] as (typeof SETTING_FORMS)[SettingKey];
    let value: unknown;
    try {
      value = (form.read as (t: string, c: unknown) => unknown)(args.value, readSettings(ctx.store)[key]);
    } catch (e) {
      if (e instanceof UserError) throw new UserError(e.message, form.usage);
      throw e;
    }
    ctx.store.setSettings(ctx.meta, { [key]: value }, `${args.name} ${args.value}`);
    return reply('ok', zh.settingChanged(args.name, (form.show as (v: unknown) => string)(value)), [
      zh.settingSeeAll,
    ]);
  },
});
