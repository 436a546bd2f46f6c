import type { Line, Reply } from '../../core/reply.ts';
import { LIGHT_LABEL, type Light } from '../../race/lights.ts';
import { type Html, type HtmlValue, html } from '../html.ts';

const PROJECT_ID = /^P\d{4}-\d{3,}$/;
const LIGHTS = Object.entries(LIGHT_LABEL) as Array<[Light, string]>;

/** The light's word in its colour: chat's emoji need a colour-emoji font many office PCs lack. */
export function lightBadge(light: Light | null, label = light ? LIGHT_LABEL[light] : ''): Html {
  if (light === null) return html``;
  return html`<span class="light light-${light}">${[...label].filter((c) => /\p{Script=Han}/u.test(c)).join('')}</span>`;
}

/** Text from a chat reply, with each light's emoji label (🔴红灯 …) drawn as a badge. */
export function withLights(text: string): HtmlValue[] {
  const out: HtmlValue[] = [];
  let rest = text;
  for (;;) {
    let first: { at: number; light: Light; label: string } | null = null;
    for (const [light, label] of LIGHTS) {
      const at = rest.indexOf(label);
      if (at >= 0 && (first === null || at < first.at)) first = { at, light, label };
    }
    if (!first) break;
    out.push(rest.slice(0, first.at), lightBadge(first.light, first.label));
    rest = rest.slice(first.at + first.label.length);
  }
  out.push(rest);
  return out;
}

function line(l: Line): Html {
  if (typeof l === 'string') return html`<p>${withLights(l)}</p>`;
  const cls = [l.emphasis ? 'strong' : '', l.colour ? `line-${l.colour}` : ''].filter(Boolean).join(' ');
  return html`<p${cls ? html` class="${cls}"` : ''}>${withLights(l.text)}</p>`;
}

/**
 * A chat reply on a page: the same title, lines and table chat shows (the tone's emoji left out),
 * so a page and the chat answer can never say different things. `title: false` when the page's
 * heading already says it.
 */
export function replyBlock(reply: Reply, options: { title?: boolean; projectLinks?: boolean } = {}): Html {
  const table = reply.table;
  const cell = (text: string) =>
    options.projectLinks && PROJECT_ID.test(text)
      ? html`<a href="/web/projects/${encodeURIComponent(text)}">${text}</a>`
      : withLights(text);
  return html`<div class="reply">
${options.title === false ? '' : html`<p class="reply-title">${withLights(reply.title)}</p>`}
<div class="reply-lines">${reply.lines.map(line)}</div>
${
  table
    ? html`<div class="table-wrap"><table>
<thead><tr>${table.headers.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${table.rows.map((row) => html`<tr>${row.map((c) => html`<td>${cell(c)}</td>`)}</tr>`)}</tbody>
</table></div>`
    : ''
}
${(reply.more ?? []).map((next) => html`<hr>${replyBlock(next, { projectLinks: options.projectLinks })}`)}
</div>`;
}
