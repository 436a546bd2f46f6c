import { type Line, MORE_DIVIDER, type Reply, type Tone } from '../core/reply.ts';
import { zh } from '../text/zh.ts';

const MARK: Record<Tone, string> = { ok: '✅', info: 'ℹ️', warn: '⚠️', error: '❌', question: '❓' };

function lineText(line: Line): string {
  return typeof line === 'string' ? line : line.text;
}

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

/** For the console and `npm run chat`: no markup, tables aligned for a monospace terminal. */
export function renderPlainText(r: Reply): string {
  const out = [`${MARK[r.tone]} ${r.title}`];
  for (const line of r.lines) out.push(lineText(line));
  if (r.table) {
    const { headers, rows } = r.table;
    const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i] ?? ''))));
    out.push(
      headers
        .map((h, i) => pad(h, widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
    for (const row of rows)
      out.push(
        row
          .map((c, i) => pad(c, widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      );
  }
  if (r.hint) out.push(zh.correctForm(r.hint));
  if (r.picture) out.push(zh.picturePlaceholder(r.picture.title));
  for (const next of r.more ?? []) out.push(MORE_DIVIDER, renderPlainText(next));
  return out.join('\n');
}
