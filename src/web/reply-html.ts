import type { Colour, Line, Reply } from '../core/reply.ts';
import { COLOUR_WORD, colourLabel } from '../race/colours.ts';
import { type Html, html } from './html.ts';

const COLOUR_OF_LABEL = new Map(
  (Object.keys(COLOUR_WORD) as Colour[]).map((c) => [colourLabel(c), c] as const),
);

function line(l: Line): Html {
  if (typeof l === 'string') return html`<p>${l}</p>`;
  const cls = [l.emphasis ? 'em' : '', l.colour ? `band-text-${l.colour}` : ''].filter(Boolean).join(' ');
  return html`<p${cls ? html` class="${cls}"` : ''}>${l.text}</p>`;
}

/**
 * A reply as chat gets it (src/core/reply.ts), as HTML: its lines, then its table. The text is the
 * reply's own, so the page shows exactly the figures chat shows; a cell that is a colour label
 * (「🟩绿」) also gets its band's colour.
 */
export function replyHtml(reply: Reply, options: { title?: boolean } = {}): Html {
  const table = reply.table;
  return html`${options.title === false ? '' : html`<h2>${reply.title}</h2>`}
<div class="reply-lines">${reply.lines.map(line)}</div>
${
  table
    ? html`<div class="table-wrap"><table>
<thead><tr>${table.headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>
${table.rows.map(
  (row) =>
    html`<tr>${row.map((cell) => {
      const colour = COLOUR_OF_LABEL.get(cell);
      return colour ? html`<td class="band band-${colour}">${cell}</td>` : html`<td>${cell}</td>`;
    })}</tr>\n`,
)}</tbody>
</table></div>`
    : ''
}`;
}
