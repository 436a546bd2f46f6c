import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { memberToChange } from './member-target.ts';

export default defineCommand({
  id: 'remove-member',
  triggers: ['删除成员', '移除成员'],
  summary: '把成员从名册删除，历史记录保留其姓名；其负责的项目显示「负责人已删除」，需指定新负责人',
  usage: '删除成员 账号或姓名',
  examples: ['删除成员 李四', '删除成员 lisi'],
  access: 'admin',
  writes: true,
  args: { who: field.head('账号或姓名') },
  handle(args, ctx) {
    const target = memberToChange(ctx, args.who, zh.memberVerb.remove);
    const member = ctx.store.removeMember(ctx.meta, target.id);
    const owned = ctx.store
      .projects((p) => p.ownerName === member.name && p.stage !== '终止')
      .sort((a, b) => a.id.localeCompare(b.id));
    const stillNamed = ctx.store.memberByName(member.name) !== null;
    return reply('ok', zh.memberRemoved(member.name, member.account), [
      zh.memberRemovedNote,
      ...(owned.length && !stillNamed
        ? [
            zh.memberRemovedOwned(owned.length),
            ...owned.slice(0, 20).map((p) => zh.memberRemovedReassign(p.id, p.name)),
          ]
        : []),
      ctx.undoHint,
    ]);
  },
});
