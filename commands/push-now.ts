import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { PUSH_NAMES } from '../src/domain/push-kinds.ts';
import { pushKindField } from '../src/push/push-content.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'push-now',
  triggers: ['立即推送'],
  summary: '立即把某类推送发到所有已绑定的群（经推送队列，按平台限速）',
  usage: `立即推送 ${Object.values(PUSH_NAMES).join('|')}`,
  examples: ['立即推送 每月通报'],
  access: 'admin',
  writes: true,
  args: { kind: field.custom({ at: 'head' }, pushKindField) },
  handle(args, ctx) {
    const pushes = ctx.pushNow;
    if (!pushes || pushes.platforms().length === 0) throw new UserError(zh.pushNoPlatform);
    const bound = ctx.store.bindings();
    if (bound.length === 0) throw new UserError(zh.pushNoGroups);
    const reachable = bound.filter((b) => pushes.canSend(b.platform, b.chatId));
    const unreachable = bound.length - reachable.length;
    if (reachable.length === 0) throw new UserError(zh.pushNoReachableGroup(bound.length));
    pushes.start(args.kind);
    return reply('ok', zh.pushStarted(PUSH_NAMES[args.kind], reachable.length), [
      zh.pushStartedHow,
      ...(unreachable ? [zh.pushSomeUnreachable(unreachable)] : []),
    ]);
  },
});
