import { type Colour, type Line, MORE_DIVIDER, type Reply, type Tone } from '../core/reply.ts';
import { zh } from '../text/zh.ts';

// https://developer.work.weixin.qq.com/document/path/101031 and 101138: the AI bot's stream and
// response_url content is markdown_v2 — tables, lists, quotes, bold; no <font color>, no <@userid>.
// A colour therefore becomes a coloured mark in front of the line, so the five colours still read.
const DOT: Record<Colour, string> = {
  green: '🟢',
  blue: '🔵',
  yellow: '🟡',
  orange: '🟠',
  red: '🔴',
};
const MARK: Record<Tone, string> = { ok: '✅', info: 'ℹ️', warn: '⚠️', error: '❌', question: '❓' };

/** A cell may not contain the column separator or a line break, or the table falls apart. */
function cell(text: string): string {
  return text.replace(/\|/g, '｜').replace(/\r?\n/g, ' ').trim() || ' ';
}

function line(l: Line): string {
  if (typeof l === 'string') return l;
  const text = l.emphasis ? `**${l.text}**` : l.text;
  return l.colour ? `${DOT[l.colour]} ${text}` : text;
}

function table(t: NonNullable<Reply['table']>): string {
  const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [row(t.headers), row(t.headers.map(() => '---')), ...t.rows.map(row)].join('\n');
}

/**
 * Renders a reply for the WeCom AI bot (stream reply, response_url) and for replies sent through a
 * group robot as `markdown_v2`. Paragraphs are separated by a blank line, as markdown_v2 joins
 * adjacent lines; a table's rows stay together.
 */
export function renderWecomMarkdownV2(r: Reply): string {
  const out = [`**${MARK[r.tone]} ${r.title}**`];
  for (const l of r.lines) out.push(line(l));
  if (r.table) out.push(table(r.table));
  if (r.hint) out.push(`> ${zh.correctForm(r.hint)}`);
  for (const next of r.more ?? []) out.push(MORE_DIVIDER, renderWecomMarkdownV2(next));
  return out.join('\n\n');
}
