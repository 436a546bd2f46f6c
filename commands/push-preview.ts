import { defineCommand } from '../src/core/command.ts';
import { type Reply, reply } from '../src/core/reply.ts';
import { PUSH_NAMES } from '../src/domain/push-kinds.ts';
import { mentionPreview, pushContent, pushKindField } from '../src/push/push-content.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { describeScope } from '../storage/scope.ts';

export default defineCommand({
  id: 'push-preview',
  triggers: ['推送预览'],
  summary: '预览某类推送在本群会收到的内容（不发送）',
  usage: `推送预览 ${Object.values(PUSH_NAMES).join('|')}`,
  examples: ['推送预览 每月通报', '推送预览 季度晾晒'],
  access: 'admin',
  writes: false,
  args: { kind: field.custom({ at: 'head' }, pushKindField) },
  handle(args, ctx): Reply {
    const { platform, chatId } = ctx.message;
    const binding = chatId ? ctx.store.binding(platform, chatId) : null;
    const scope = binding?.scope ?? { kind: 'district' as const };
    const content = pushContent(args.kind, ctx.race, scope);
    const head = zh.previewHead(
      PUSH_NAMES[args.kind],
      binding !== null,
      describeScope(scope, ctx.store),
      content.replies.length,
      Boolean(content.picture),
    );
    const [first, ...rest] = content.replies;
    if (!first) return reply('info', head, [zh.previewNothing]);
    // every message whole, tables and picture included: the preview is what the group would get
    return {
      ...first,
      title: zh.previewTitle(first.title),
      lines: [head, ...first.lines, ...(content.mention ? [mentionPreview(content.mention)] : [])],
      more: rest,
      ...(content.picture ? { picture: content.picture } : {}),
    };
  },
});
