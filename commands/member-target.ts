import type { CommandContext } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { zh } from '../src/text/zh.ts';
import type { Member } from '../storage/schema.ts';

/**
 * The member a 停用/启用/删除成员 message names (account, else name), refusing the ones chat may not
 * touch: the sender themself, and the admins the server's SAIMA_ADMINS names.
 */
export function memberToChange(ctx: CommandContext, who: string, verb: string): Member {
  const member = ctx.store.findMember(who);
  if (ctx.envAdmins.has(who) || (member && ctx.envAdmins.has(member.account))) {
    throw new UserError(zh.memberEnvAdmin(who, verb));
  }
  if (!member) throw new UserError(zh.memberUnknown(who));
  if (member.account === ctx.actor.account) throw new UserError(zh.memberNotYourself(verb));
  return member;
}
