import { zh } from '../text/zh.ts';
import { assetUrl } from './assets.ts';
import { type Html, html } from './html.ts';
import type { WebViewer } from './viewer.ts';

/** The site's sections, in nav order; each page says which one it belongs to. */
export const NAV = [
  { id: 'race', label: zh.webNavRace, path: '/web/race' },
  { id: 'projects', label: zh.webNavProjects, path: '/web/projects' },
  { id: 'dispatch', label: zh.webNavDispatch, path: '/web/dispatch' },
] as const;

export type Section = (typeof NAV)[number]['id'];

/** The hidden field every POST form carries; the router refuses a POST without it. */
export function csrfField(csrf: string): Html {
  return html`<input type="hidden" name="csrf" value="${csrf}">`;
}

/**
 * The frame of every page for a logged-in viewer: nav (赛马 / 项目 / 调度 / 退出), title, body.
 * Scripts are files under /web/assets (the Content-Security-Policy allows no inline script).
 */
export function layout(page: {
  title: string;
  viewer: WebViewer;
  csrf: string;
  section?: Section;
  body: Html;
  /** Extra scripts, e.g. `[assetUrl('echarts.min.js'), assetUrl('race.js')]`. */
  scripts?: readonly string[];
}): Html {
  const nav = NAV.map(
    (item) =>
      html`<a href="${item.path}"${item.id === page.section ? html` aria-current="page"` : ''}>${item.label}</a>`,
  );
  return document(
    page.title,
    html`<header class="bar">
  <span class="site">${zh.webSiteName}</span>
  <nav>${nav}</nav>
  <span class="who">${page.viewer.name}</span>
  <form method="post" action="/web/logout" class="logout">${csrfField(page.csrf)}<button type="submit">${zh.webLogout}</button></form>
</header>
<main>
<h1>${page.title}</h1>
${page.body}
</main>`,
    page.scripts ?? [],
  );
}

/** A page outside the session (login, 请从聊天里打开): the same look, no nav. */
export function plainPage(title: string, body: Html): Html {
  return document(
    title,
    html`<header class="bar"><span class="site">${zh.webSiteName}</span></header>
<main class="narrow">
<h1>${title}</h1>
${body}
</main>`,
    [],
  );
}

function document(title: string, body: Html, scripts: readonly string[]): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${title} · ${zh.webSiteName}</title>
<link rel="stylesheet" href="${assetUrl('web.css')}">
</head>
<body>
${body}
${scripts.map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>`;
}
