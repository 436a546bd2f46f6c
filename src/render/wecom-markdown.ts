import { type Colour, type Line, MORE_DIVIDER, type Reply, type Tone } from '../core/reply.ts';
import { zh } from '../text/zh.ts';

// https://developer.work.weixin.qq.com/document/path/99110 (消息推送 markdown: info 绿, comment 灰, warning 橙红)
const FONT: Record<Colour, 'info' | 'comment' | 'warning'> = {
  green: 'info',
  blue: 'comment',
  yellow: 'warning',
  orange: 'warning',
  red: 'warning',
};
const MARK: Record<Tone, string> = { ok: '✅', info: 'ℹ️', warn: '⚠️', error: '❌', question: '❓' };

function line(l: Line): string {
  if (typeof l === 'string') return l;
  let text = l.emphasis ? `**${l.text}**` : l.text;
  if (l.colour) text = `<font color="${FONT[l.colour]}">${text}</font>`;
  return text;
}

/**
 * WeCom markdown has no tables: each row becomes one line, cells joined by「｜」, so it reads the
 * same on a phone as on a desktop.
 */
export function renderWecomMarkdown(r: Reply): string {
  const out = [`**${MARK[r.tone]} ${r.title}**`];
  for (const l of r.lines) out.push(line(l));
  if (r.table) {
    out.push(`> ${r.table.headers.join('｜')}`);
    for (const row of r.table.rows) out.push(row.join('｜'));
  }
  if (r.hint) out.push(`<font color="comment">${zh.correctForm(r.hint)}</font>`);
  for (const next of r.more ?? []) out.push(MORE_DIVIDER, renderWecomMarkdown(next));
  return out.join('\n');
}
