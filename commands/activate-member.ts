import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { ROLE_NAMES } from '../src/domain/roles.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { memberToChange } from './member-target.ts';

export default defineCommand({
  id: 'activate-member',
  triggers: ['启用成员', '恢复成员'],
  summary: '启用被停用或删除的成员，恢复原单位和角色',
  usage: '启用成员 账号或姓名',
  examples: ['启用成员 李四', '启用成员 lisi'],
  access: 'admin',
  writes: true,
  args: { who: field.head('账号或姓名') },
  handle(args, ctx) {
    const target = memberToChange(ctx, args.who, zh.memberVerb.activate);
    if (ctx.accountElsewhere(target.account)) throw new UserError(zh.memberInOtherDistrict(target.account));
    const member = ctx.store.activateMember(ctx.meta, target.id);
    const unit = member.unitId ? (ctx.store.unit(member.unitId)?.name ?? member.unitId) : zh.none;
    return reply('ok', zh.memberActivated(member.name, member.account), [
      zh.memberUnitRole(unit, ROLE_NAMES[member.role]),
      ctx.undoHint,
    ]);
  },
});
