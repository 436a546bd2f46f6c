import type { Role } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import { type Visible, visibleTo } from '../domain/visibility.ts';
import type { KnownName } from './fields.ts';

/**
 * Whether a run of words is, or is part of, the name of a project this person may see: a name
 * with spaces (`Delta Power Co., Ltd. 储能电池项目`) then reads as one head without quotes.
 * Projects the person may not see are not asked about, so they cannot shape how a message reads.
 */
export function projectNameKnown(store: Store, who: { role: Role; unitId: string | null }): KnownName {
  let visible: Visible | null = null;
  return (candidate) => {
    visible ??= visibleTo(store, who);
    return store.searchProjects(visible, (s) => s.anyContaining(candidate));
  };
}
