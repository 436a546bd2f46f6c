import type ExcelJS from 'exceljs';

/** A cell as the import sees it: what Excel shows, with a formula read as its saved result. */
export type RawCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: Date }
  | { kind: 'bool'; value: boolean }
  | { kind: 'error'; error: string }
  /** A formula saved without its result (written by a program, never opened in Excel). */
  | { kind: 'noResult' };

const EMPTY: RawCell = { kind: 'empty' };

function plain(value: unknown): RawCell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : EMPTY;
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? EMPTY : { kind: 'date', date: value };
  if (typeof value !== 'object') return EMPTY;
  const v = value as Record<string, unknown>;
  if ('error' in v) return { kind: 'error', error: String(v.error) };
  if ('formula' in v || 'sharedFormula' in v) {
    return v.result === undefined || v.result === null ? { kind: 'noResult' } : plain(v.result);
  }
  if (Array.isArray(v.richText)) {
    return plain((v.richText as Array<{ text?: unknown }>).map((r) => String(r.text ?? '')).join(''));
  }
  if ('text' in v) return plain(v.text);
  return EMPTY;
}

/** The cell's value; a merged cell reads its master's, so a unit merged down several rows fills each. */
export function rawCell(cell: ExcelJS.Cell): RawCell {
  return plain(cell.value);
}

/** The text a header or a name cell shows. */
export function cellText(raw: RawCell): string {
  switch (raw.kind) {
    case 'text':
      return raw.text.trim();
    case 'number':
      return String(raw.value);
    case 'date':
      return raw.date.toISOString().slice(0, 10);
    case 'bool':
      return raw.value ? '是' : '否';
    default:
      return '';
  }
}
