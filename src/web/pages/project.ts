import { zh } from '../../text/zh.ts';
import { html } from '../html.ts';
import { layout } from '../layout.ts';
import { WebNotFound, type WebPage } from '../page.ts';
import { replyHtml } from '../reply-html.ts';
import { projectHistoryOf } from './project-history-index.ts';
import type { HistoryRow } from './project-history-view.ts';
import { projectPage } from './project-view.ts';

function historyTable(rows: readonly HistoryRow[]) {
  if (rows.length === 0) return html`<p class="panel">${zh.projectHistoryNone}</p>`;
  const [time, person, text, changes] = zh.projectHistoryHeaders;
  return html`<div class="table-wrap"><table class="history">
<thead><tr><th>${time}</th><th>${person}</th><th>${text}</th><th>${changes}</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr data-seq="${r.seq}">
<td class="time">${r.time}</td>
<td>${r.person}</td>
<td class="wrap message">${r.text ?? html`<span class="note">${zh.projectHistoryNoText}</span>`}${r.summary ? html`<div class="note">${r.summary}</div>` : ''}</td>
<td class="wrap"><ul class="changes">${r.changes.map((c) => html`<li>${c}</li>`)}</ul></td>
</tr>`,
)}
</tbody>
</table></div>`;
}

/**
 * One project: chat's card and its whole history from the journal. Another unit's project (for a
 * member) is the same 404 as a 编号 that does not exist.
 */
export const projectDetailPage: WebPage = {
  path: '/web/projects/:id',
  title: zh.projectsTitle,
  async render(ctx) {
    const page = await projectPage(
      ctx.store,
      ctx.viewer,
      ctx.params.id ?? '',
      ctx.now,
      projectHistoryOf(ctx.store),
    );
    if (!page) throw new WebNotFound();
    return layout({
      title: `${page.id} ${page.name}`,
      viewer: ctx.viewer,
      csrf: ctx.csrf,
      section: 'projects',
      body: html`<p class="no-print"><a href="/web/projects">${zh.projectBack}</a></p>
<section class="panel card">${replyHtml(page.card, { title: 'none' })}</section>
<h2>${zh.projectHistoryTitle(page.history.length)}</h2>
${historyTable(page.history)}`,
    });
  },
};
