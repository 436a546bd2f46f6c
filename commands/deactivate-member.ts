import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { memberToChange } from './member-target.ts';

export default defineCommand({
  id: 'deactivate-member',
  triggers: ['停用成员', '禁用成员'],
  summary: '停用一位成员：机器人不再受理其消息，其登记记录和负责的项目保留',
  usage: '停用成员 账号或姓名',
  examples: ['停用成员 李四', '停用成员 lisi'],
  access: 'admin',
  writes: true,
  args: { who: field.head('账号或姓名') },
  handle(args, ctx) {
    const target = memberToChange(ctx, args.who, zh.memberVerb.deactivate);
    if (target.status === 'removed') throw new UserError(zh.memberRemovedCannotDeactivate(target.name));
    const member = ctx.store.deactivateMember(ctx.meta, target.id);
    return reply('ok', zh.memberDeactivated(member.name, member.account), [
      zh.memberDeactivatedNote,
      zh.memberHowToRestore(member.account),
      ctx.undoHint,
    ]);
  },
});
