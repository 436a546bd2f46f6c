import { ProjectHistoryIndex } from '../../../src/web/pages/project-history-index.ts';
import { JournalTap } from '../../../src/web/pages/project-journal-tap.ts';
import type { Persistence } from '../../../storage/persistence.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { openTestStore } from '../../helpers/test-store.ts';

/**
 * The small district of the conversation tests, with the project history index told of every record
 * and reading the store's own journal, as the server wires it.
 */
export async function pageDistrict(
  options: { now?: string } = {},
): Promise<Conversation & { history: ProjectHistoryIndex }> {
  let journal: Persistence | null = null;
  const history = new ProjectHistoryIndex(() => (journal as Persistence).records());
  const store = await openTestStore({
    around: (persistence) => {
      journal = persistence;
      return new JournalTap(persistence, history);
    },
  });
  const c = await smallDistrict({ ...options, store });
  return { ...c, history };
}

/** The viewer a page gets for an account, as chat knows them. */
export function viewerOf(c: Conversation, account: string) {
  if (account === 'admin') return { role: 'admin' as const, unitId: null };
  const m = c.store.memberByAccount(account);
  if (!m) throw new Error(`no member ${account}`);
  return { role: m.role, unitId: m.unitId };
}
