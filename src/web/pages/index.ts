/**
 * The web view's pages, in one list: the router (src/web/web-app.ts) mounts each behind the
 * session check, so no page can be reached without a logged-in member.
 *
 * To add a page:
 * 1. Write `src/web/pages/<name>.ts` exporting a `WebPage` (src/web/page.ts): its `path` under
 *    `/web/`, its `title`, `access` if not every member may open it (`leader`, `admin`), and
 *    `render(ctx)` returning `layout({ …, section })` (src/web/layout.ts), a `file(…)` or a
 *    `redirect(…)`. A form action is a page with `method: 'POST'`; its form includes
 *    `csrfField(ctx.csrf)` — the router refuses any POST without the token or from another origin.
 * 2. Build HTML only with the `html` template (src/web/html.ts): it escapes every value.
 * 3. Show a project only if `ctx.canRead(project)` (src/domain/visibility.ts, the chat rule);
 *    otherwise `throw new WebNotFound()` — the same answer as a page that does not exist.
 * 4. Add it to the list below. Chinese text goes in src/text/zh/ (web.ts, or a file of its own).
 * 5. A page script or stylesheet is a file in src/web/assets/ listed in `FILES` (src/web/assets.ts),
 *    loaded with `layout({ scripts: [assetUrl('…')] })`; the CSP allows no inline script or style
 *    (data for a script goes in `jsonData(id, value)`; set sizes with `el.style.x = …` from script).
 * 6. Render a chat reply (src/core/reply.ts) with `replyHtml` (src/web/reply-html.ts; `title`, `projectLinks`) to show
 *    exactly what chat shows.
 *
 * Paths agreed between the pages: `/web/race` (赛马), `/web/projects` (项目 list),
 * `/web/projects/:id` (one project and its history), `/web/dispatch` (调度), `/web/export` (导出台账),
 * `/web/import` (导入, admins; mounted by web-app.ts when the server gives it the import), POST `/web/logout`.
 */
import type { WebPage } from '../page.ts';
import { dispatchListPage } from './dispatch.ts';
import { projectDetailPage } from './project.ts';
import { projectsListPage } from './projects.ts';
import { raceChartPage, racePage } from './race.ts';

export const pages: ReadonlyArray<WebPage> = [
  racePage,
  raceChartPage,
  projectsListPage,
  projectDetailPage,
  dispatchListPage,
];
