import type { Colour, Line, Reply } from '../core/reply.ts';
import { COLOUR_WORD, colourLabel } from '../race/colours.ts';
import { LIGHT_LABEL, type Light } from '../race/lights.ts';
import { type Html, type HtmlValue, html } from './html.ts';

const COLOUR_OF_LABEL = new Map(
  (Object.keys(COLOUR_WORD) as Colour[]).map((c) => [colourLabel(c), c] as const),
);
const PROJECT_ID = /^P\d{4}-\d{3,}$/;
const LIGHTS = Object.entries(LIGHT_LABEL) as Array<[Light, string]>;

/** The light's word in its colour: chat's emoji need a colour-emoji font many office PCs lack. */
export function lightBadge(light: Light | null, label = light ? LIGHT_LABEL[light] : ''): Html {
  if (light === null) return html``;
  return html`<span class="light light-${light}">${[...label].filter((c) => /\p{Script=Han}/u.test(c)).join('')}</span>`;
}

/** Text from a chat reply, with each light's emoji label (🔴红灯 …) drawn as a badge. */
function withLights(text: string): HtmlValue[] {
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

export interface ReplyHtmlOptions {
  /** `heading` (the default) when the reply is the page's subject, `line` inside a section, `none` when the page already says it. */
  title?: 'heading' | 'line' | 'none';
  /** A cell that is a 编号 links to the project's page. */
  projectLinks?: boolean;
}

/**
 * A reply as chat gets it (src/core/reply.ts), as HTML: its title, lines, table and the replies
 * that follow it. The text is the reply's own, so a page shows exactly the figures chat shows; a
 * cell that is a colour label (「🟩绿」) also gets its band's colour, and a light's emoji is drawn as
 * a badge.
 */
export function replyHtml(reply: Reply, options: ReplyHtmlOptions = {}): Html {
  const title = options.title ?? 'heading';
  const cell = (text: string): Html => {
    const colour = COLOUR_OF_LABEL.get(text);
    if (colour) return html`<td class="band band-${colour}">${text}</td>`;
    if (options.projectLinks && PROJECT_ID.test(text))
      return html`<td><a href="/web/projects/${encodeURIComponent(text)}">${text}</a></td>`;
    return html`<td>${withLights(text)}</td>`;
  };
  const table = reply.table;
  return html`<div class="reply">
${title === 'heading' ? html`<h2>${reply.title}</h2>` : ''}${title === 'line' ? html`<p class="reply-title">${withLights(reply.title)}</p>` : ''}
<div class="reply-lines">${reply.lines.map(line)}</div>
${
  table
    ? html`<div class="table-wrap"><table>
<thead><tr>${table.headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>
${table.rows.map((row) => html`<tr>${row.map(cell)}</tr>\n`)}</tbody>
</table></div>`
    : ''
}
${(reply.more ?? []).map((next) => html`<hr>${replyHtml(next, { title: 'line', projectLinks: options.projectLinks })}`)}
</div>`;
}
