import { type Colour, type Line, MORE_DIVIDER, type Reply, type Tone } from '../core/reply.ts';
import { zh } from '../text/zh.ts';

// https://open.dingtalk.com/document/robots/custom-robot-access (markdown: 标题、加粗、引用、列表、font color)
const COLOUR: Record<Colour, string> = {
  green: '#2BA245',
  blue: '#1E6FFF',
  yellow: '#D4A017',
  orange: '#FF8C00',
  red: '#E02020',
};
const MARK: Record<Tone, string> = { ok: '✅', info: 'ℹ️', warn: '⚠️', error: '❌', question: '❓' };

function line(l: Line): string {
  if (typeof l === 'string') return l;
  let text = l.emphasis ? `**${l.text}**` : l.text;
  if (l.colour) text = `<font color="${COLOUR[l.colour]}">${text}</font>`;
  return text;
}

/** The title DingTalk shows in the conversation list and notifications. */
export function dingtalkTitle(r: Reply): string {
  return r.title.slice(0, 60);
}

/**
 * DingTalk markdown needs a blank line between paragraphs (a single newline is not a break), and has
 * no tables: each row becomes one paragraph, cells joined by「｜」.
 */
export function renderDingtalkMarkdown(r: Reply): string {
  const out = [`#### ${MARK[r.tone]} ${r.title}`];
  for (const l of r.lines) out.push(line(l));
  if (r.table) {
    out.push(`> ${r.table.headers.join('｜')}`);
    for (const row of r.table.rows) out.push(row.join('｜'));
  }
  if (r.hint) out.push(`<font color="#888888">${zh.correctForm(r.hint)}</font>`);
  for (const next of r.more ?? []) out.push(MORE_DIVIDER, renderDingtalkMarkdown(next));
  return out.join('\n\n');
}
