import { ProjectHistoryIndex } from '../../../src/web/pages/project-history-index.ts';
import { JournalTap } from '../../../src/web/pages/project-journal-tap.ts';
import { MemoryPersistence } from '../../../storage/persistence.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';

/**
 * The small district of the conversation tests, with its journal kept in memory and the project
 * history index told of every record, as the server wires it over the data directory's journal.
 */
export async function pageDistrict(
  options: { now?: string } = {},
): Promise<Conversation & { journal: MemoryPersistence; history: ProjectHistoryIndex }> {
  const journal = new MemoryPersistence();
  const history = new ProjectHistoryIndex(async function* () {
    yield* journal.appended;
  });
  const c = await smallDistrict({ ...options, persistence: new JournalTap(journal, history) });
  return { ...c, journal, history };
}

/** The viewer a page gets for an account, as chat knows them. */
export function viewerOf(c: Conversation, account: string) {
  if (account === 'admin') return { role: 'admin' as const, unitId: null };
  const m = c.store.memberByAccount(account);
  if (!m) throw new Error(`no member ${account}`);
  return { role: m.role, unitId: m.unitId };
}
