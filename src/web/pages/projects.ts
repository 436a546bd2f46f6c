import { zh } from '../../text/zh.ts';
import { type Html, html } from '../html.ts';
import { layout } from '../layout.ts';
import type { WebPage } from '../page.ts';
import { lightBadge } from '../reply-html.ts';
import { type ProjectSort, parseProjectQuery } from './projects-query.ts';
import { type Option, type ProjectsPage, projectsPage } from './projects-view.ts';

function select(name: string, options: readonly Option[], chosen: string | null, any = zh.projectsAny): Html {
  return html`<label>${zh.projectsFilterLabels[name]}<select name="${name}">
<option value="">${any}</option>
${options.map((o) => html`<option value="${o.value}"${o.value === chosen ? html` selected` : ''}>${o.label}</option>`)}
</select></label>`;
}

function filters(p: ProjectsPage): Html {
  const q = p.query;
  return html`<form class="panel controls filters" method="get" action="/web/projects">
${select('unit', p.options.units, q.unit)}
${select('chain', p.options.chains, q.chain)}
${select('stage', p.options.stages, q.stage)}
${select('light', [...p.options.lights, { value: 'none', label: zh.projectsNoLight }], q.light)}
<label class="check"><span>${zh.projectsFilterLabels.major}</span><span><input type="checkbox" name="major" value="1"${q.major ? html` checked` : ''}> ${zh.projectsMajorOnly}</span></label>
<label>${zh.projectsSearch}<input type="search" name="q" value="${q.q}" placeholder="${zh.projectsSearchHint}" maxlength="60"></label>
${q.sort !== 'id' ? html`<input type="hidden" name="sort" value="${q.sort}">` : ''}
${q.desc ? html`<input type="hidden" name="dir" value="desc">` : ''}
<button type="submit" class="primary">${zh.projectsFilter}</button>
<a class="button" href="${p.resetHref}">${zh.projectsReset}</a>
</form>`;
}

const COLUMNS: ReadonlyArray<ProjectSort | null> = [
  'id',
  'name',
  null,
  null,
  null,
  'amount',
  'signed',
  'funds',
  'light',
];

function head(p: ProjectsPage): Html {
  const cells = zh.projectsHeaders.map((label, i) => {
    const sort = COLUMNS[i] ?? null;
    if (sort === null) return html`<th>${label}</th>`;
    const current = p.query.sort === sort;
    const arrow = current ? (p.query.desc ? ' ▼' : ' ▲') : '';
    const state = current ? (p.query.desc ? 'descending' : 'ascending') : 'none';
    return html`<th aria-sort="${state}"><a class="sort" href="${p.sortHrefs[sort]}" title="${zh.projectsSortLabels[sort]}">${label}${arrow}</a></th>`;
  });
  return html`<thead><tr>${cells}</tr></thead>`;
}

function pager(p: ProjectsPage): Html {
  if (p.pages <= 1) return html``;
  const links: Html[] = [];
  let last = 0;
  for (const link of p.links) {
    if (link.page > last + 1) links.push(html`<span class="gap">…</span>`);
    links.push(
      link.current
        ? html`<span class="current" aria-current="page">${link.page}</span>`
        : html`<a href="${link.href}">${link.page}</a>`,
    );
    last = link.page;
  }
  return html`<nav class="pager" aria-label="${zh.projectsPageOf(p.page, p.pages)}">
${p.prev ? html`<a href="${p.prev}" rel="prev">${zh.projectsPrev}</a>` : ''}
${links}
${p.next ? html`<a href="${p.next}" rel="next">${zh.projectsNext}</a>` : ''}
</nav>`;
}

function table(p: ProjectsPage): Html {
  if (p.rows.length === 0) return html`<p class="panel">${zh.projectsNone}</p>`;
  return html`<div class="table-wrap"><table class="projects">
${head(p)}
<tbody>
${p.rows.map(
  (r) => html`<tr data-id="${r.id}">
<td><a href="${r.href}">${r.id}</a></td>
<td class="name">${r.name}${r.major ? html` <span class="tag">${zh.projectsMajorMark}</span>` : ''}</td>
<td>${r.unit}</td>
<td>${r.chain}</td>
<td>${r.stage}</td>
<td class="num">${r.contract}</td>
<td>${r.signed}</td>
<td class="num">${r.funds}</td>
<td>${lightBadge(r.light)}</td>
</tr>`,
)}
</tbody>
</table></div>`;
}

/** 项目: every project the viewer may see, filtered, sorted and paged on the server. */
export const projectsListPage: WebPage = {
  path: '/web/projects',
  title: zh.projectsTitle,
  render(ctx) {
    const p = projectsPage(ctx.store, ctx.viewer, parseProjectQuery(ctx.query), ctx.now);
    return layout({
      title: zh.projectsTitle,
      viewer: ctx.viewer,
      csrf: ctx.csrf,
      section: 'projects',
      body: html`${filters(p)}
<p class="note summary">${zh.projectsCount(p.total, p.visible)}${p.pages > 1 ? html` · ${zh.projectsPageOf(p.page, p.pages)}` : ''}</p>
${table(p)}
${pager(p)}`,
    });
  },
};
