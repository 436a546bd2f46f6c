import { isActiveMember, type Store } from '../../storage/store.ts';
import type { Actor } from './command.ts';

/**
 * Who an account is to the bot: an active member (an admin too when listed in SAIMA_ADMINS), an
 * admin by SAIMA_ADMINS alone, or nobody. Chat and the web view ask this same question. An account
 * another district of the deployment holds too (`elsewhere`) is nobody here: should two districts
 * ever both hold it (a race between instances), it is a stranger to both until an admin settles it.
 */
export function actorFor(
  store: Store,
  admins: ReadonlySet<string>,
  account: string,
  elsewhere: (account: string) => boolean = () => false,
): Actor | null {
  if (elsewhere(account)) return null;
  const isEnvAdmin = admins.has(account);
  const found = store.memberByAccount(account);
  // a 停用/删除 member is a stranger to the bot; their records stay
  const member = found && isActiveMember(found) ? found : null;
  if (member) {
    return {
      account,
      name: member.name,
      role: isEnvAdmin ? 'admin' : member.role,
      unitId: member.unitId,
      member,
    };
  }
  if (isEnvAdmin) return { account, name: account, role: 'admin', unitId: null, member: null };
  return null;
}
