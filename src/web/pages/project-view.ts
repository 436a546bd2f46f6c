import type { Store } from '../../../storage/store.ts';
import type { Reply } from '../../core/reply.ts';
import { visibleTo } from '../../domain/visibility.ts';
import { projectLight } from '../../race/lights.ts';
import { projectCard } from '../../race/project-card-view.ts';
import { raceView } from '../../race/race-context.ts';
import type { ProjectHistoryIndex } from './project-history-index.ts';
import { type HistoryRow, historyRows } from './project-history-view.ts';
import type { PageViewer } from './projects-view.ts';

/** A project's page: chat's card (`查询`) and its whole history from the journal, newest first. */
export interface ProjectPage {
  id: string;
  name: string;
  card: Reply;
  history: HistoryRow[];
}

/**
 * The project's page, or null — for a project that does not exist and for one the viewer may not
 * see alike, so a member typing another unit's 编号 into the URL learns nothing about it.
 */
export async function projectPage(
  store: Store,
  viewer: PageViewer,
  id: string,
  now: Date,
  history: ProjectHistoryIndex,
): Promise<ProjectPage | null> {
  const project = store.project(id);
  if (!project || !visibleTo(store, viewer)(project)) return null;
  const view = raceView(store, now);
  const events = await history.events(project.id, store.seq);
  return {
    id: project.id,
    name: project.name,
    card: projectCard(store, project, projectLight(project, view.today, view.settings)),
    history: historyRows(store, events),
  };
}
