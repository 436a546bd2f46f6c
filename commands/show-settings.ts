import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { SETTING_FORMS } from '../src/race/setting-forms.ts';
import { readSettings, SETTINGS, type SettingKey } from '../src/race/settings.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'show-settings',
  triggers: ['查看设置', '设置列表'],
  summary: '查看赛马的全部设置和修改方法',
  usage: '查看设置',
  examples: ['查看设置'],
  access: 'leader',
  writes: false,
  handle(_args, ctx) {
    const current = readSettings(ctx.store);
    const stored = ctx.store.settingValues();
    const lines = (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
      const form = SETTING_FORMS[key] as { show: (v: unknown) => string; usage: string };
      return zh.settingLine(SETTINGS[key].label, form.show(current[key]), !(key in stored), form.usage);
    });
    return reply('info', zh.settingsTitle, lines);
  },
});
