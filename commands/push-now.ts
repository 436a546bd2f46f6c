import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { pushKindField } from '../src/push/push-content.ts';
import { PUSH_NAMES } from '../src/push/schedule.ts';

export default defineCommand({
  id: 'push-now',
  triggers: ['立即推送'],
  summary: '立即把某类推送发到所有已绑定的群（经推送队列，按平台限速）',
  usage: `立即推送 ${Object.values(PUSH_NAMES).join('|')}`,
  examples: ['立即推送 每月通报'],
  access: 'admin',
  writes: true,
  grammar: { head: { key: 'kind' } },
  schema: () => z.object({ kind: pushKindField() }),
  handle(args, ctx) {
    if (!ctx.pushNow) throw new UserError('没有启用任何聊天平台，无法推送。请先接入企业微信或钉钉。');
    const groups = ctx.store.bindings().length;
    if (groups === 0) throw new UserError('还没有绑定任何群。请在群里发送「绑定本群 全区」等。');
    void ctx.pushNow(args.kind);
    return reply('ok', `已开始推送「${PUSH_NAMES[args.kind]}」到 ${groups} 个已绑定的群`, [
      '消息先写入推送队列再逐条发送（每个机器人每分钟最多 20 条）。发送「推送状态」查看进度。',
    ]);
  },
});
