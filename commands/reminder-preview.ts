import { defineCommand } from '../src/core/command.ts';
import { type Reply, reply } from '../src/core/reply.ts';
import { mentionPreview, pushContent } from '../src/push/push-content.ts';
import { zh } from '../src/text/zh.ts';
import { describeScope } from '../storage/scope.ts';

export default defineCommand({
  id: 'reminder-preview',
  triggers: ['提醒预览', '报送提醒预览'],
  summary: '预览每个单位群现在会收到的报送提醒（点名未报送的成员；不发送）',
  usage: '提醒预览',
  examples: ['提醒预览'],
  access: 'admin',
  writes: false,
  handle(_args, ctx): Reply {
    const view = ctx.race;
    const groups = ctx.store.bindings().filter((b) => b.scope.kind === 'unit');
    if (groups.length === 0) return reply('info', zh.reminderPreviewNone);
    const quiet: string[] = [];
    const more: Reply[] = [];
    for (const binding of groups) {
      const name = `${describeScope(binding.scope, ctx.store)}（${binding.platform}）`;
      const content = pushContent('reminder', view, binding.scope);
      const [first] = content.replies;
      if (!first || !content.mention) {
        quiet.push(zh.reminderPreviewQuiet(name));
        continue;
      }
      more.push({
        ...first,
        title: zh.previewTitle(`${name}：${first.title}`),
        lines: [...first.lines, mentionPreview(content.mention)],
      });
    }
    return reply('info', zh.reminderPreviewHead(groups.length), quiet, { more });
  },
});
