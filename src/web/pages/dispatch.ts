import { zh } from '../../text/zh.ts';
import { type Html, html } from '../html.ts';
import { layout } from '../layout.ts';
import type { WebPage } from '../page.ts';
import { replyHtml } from '../reply-html.ts';
import { type DispatchPage, dispatchPage, parsePushKind } from './dispatch-view.ts';

function pushes(p: NonNullable<DispatchPage['pushes']>): Html {
  const runs =
    p.runs.length === 0
      ? html`<p>${zh.dispatchPushRunsNone}</p>`
      : html`<div class="table-wrap"><table class="runs">
<thead><tr>${zh.dispatchPushHeaders.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${p.runs.map(
          (r) => html`<tr><td>${r.kind}</td><td>${r.slot}</td><td>${r.trigger}</td><td>${r.status}</td>
<td class="num">${r.sent}</td><td class="num">${r.failed}</td><td class="num">${r.pending}</td><td class="num">${r.unknown}</td></tr>`,
        )}</tbody>
</table></div>`;
  const kinds = html`<p class="actions no-print">${zh.dispatchPreviewPick}：${p.kinds.map((k) =>
    k.current
      ? html`<span class="button primary" aria-current="true">${k.label}</span>`
      : html`<a class="button" href="${k.href}">${k.label}</a>`,
  )}</p>`;
  const preview = p.preview
    ? html`<h3>${zh.dispatchPreview(p.preview.label)}</h3>
${p.preview.replies.length === 0 ? html`<p>${zh.dispatchPreviewNothing}</p>` : p.preview.replies.map((r) => html`<div class="panel">${replyHtml(r, { title: 'line', projectLinks: true })}</div>`)}
${p.preview.picture ? html`<p class="note">${zh.dispatchPreviewPicture(p.preview.picture)}</p>` : ''}`
    : '';
  return html`<section id="pushes"><h2>${zh.dispatchPushes}</h2>${runs}${kinds}${preview}</section>`;
}

/** 调度: chat's 签约未开工 and 在谈超期 lists, the 英雄榜, and for admins the pushes. */
export const dispatchListPage: WebPage = {
  path: '/web/dispatch',
  title: zh.dispatchTitle,
  render(ctx) {
    const p = dispatchPage(ctx.store, ctx.viewer, ctx.now, { preview: parsePushKind(ctx.query.preview) });
    const sections: Array<[string, string]> = [
      ['not-started', zh.dispatchNotStarted],
      ['negotiations', zh.dispatchNegotiations],
      ['heroes', zh.dispatchHeroes],
      ...(p.pushes ? ([['pushes', zh.dispatchPushes]] as Array<[string, string]>) : []),
    ];
    // 导入 is mounted only when the server gives the web view the import (src/main.ts)
    const importLink =
      ctx.viewer.role === 'admin' && ctx.hasPage('/web/import')
        ? html`<a class="button" href="/web/import">${zh.webImportNav}</a>`
        : '';
    return layout({
      title: zh.dispatchTitle,
      viewer: ctx.viewer,
      csrf: ctx.csrf,
      section: 'dispatch',
      body: html`<p class="actions no-print">${sections.map(([id, label]) => html`<a class="button" href="#${id}">${label}</a>`)}${importLink}</p>
<section id="not-started"><h2>${zh.dispatchNotStarted}</h2><div class="panel">${replyHtml(p.notStarted, { title: 'line', projectLinks: true })}</div></section>
<section id="negotiations"><h2>${zh.dispatchNegotiations}</h2><div class="panel">${replyHtml(p.negotiations, { title: 'line', projectLinks: true })}</div></section>
<section id="heroes"><h2>${zh.dispatchHeroes}</h2><div class="panel">${replyHtml(p.heroes, { title: 'none' })}</div></section>
${p.pushes ? pushes(p.pushes) : ''}`,
    });
  },
};
