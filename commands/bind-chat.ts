import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { describeScope, parseScope } from '../storage/scope.ts';

export default defineCommand({
  id: 'bind-chat',
  triggers: ['绑定本群', '本群绑定'],
  summary: '把当前群绑定到全区、某个专班或某个单位，推送按范围发送',
  usage: '绑定本群 全区 | 专班铝产业 | 单位工业园区管委会',
  examples: ['绑定本群 全区', '绑定本群 专班铝产业', '绑定本群 单位工业园区管委会'],
  access: 'admin',
  writes: true,
  args: { scope: field.head('范围') },
  handle(args, ctx) {
    const { chatId, chatType, platform } = ctx.message;
    if (!chatId || chatType !== 'group') throw new UserError(zh.bindNeedsGroup);
    const scope = parseScope(args.scope, ctx.store);
    ctx.store.bindChat(ctx.meta, { platform, chatId, scope });
    return reply('ok', zh.chatBound(describeScope(scope, ctx.store)), [
      zh.chatBoundNote,
      zh.bindChatId(platform, chatId),
    ]);
  },
});
