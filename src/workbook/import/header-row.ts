import type ExcelJS from 'exceljs';
import { zh } from '../../text/zh.ts';
import { UNIT_POWERS } from './cell-readers.ts';
import { cellText, rawCell } from './cell-values.ts';
import { type ColumnSpec, PARENT_SUFFIXES } from './column-names.ts';
import { READ_LIMITS } from './read-limits.ts';

/** One column the import will read: where, under which header, and the unit its amounts are in. */
export interface MappedColumn<K extends string> {
  col: number;
  header: string;
  spec: ColumnSpec<K>;
  /** Power of ten from the header's unit to 元; null when the header names none. */
  power: number | null;
}

export interface SheetHeader<K extends string> {
  /** The last header row; data starts below it. */
  lastRow: number;
  columns: Array<MappedColumn<K>>;
  /** Headers the import does not read, as written. */
  ignored: string[];
  /** Problems of a whole column: a unit it does not know. */
  problems: Array<{ column: string; message: string }>;
}

const UNIT_IN_BRACKETS = /\((?:单位[:：]?)?([^()]*)\)/u;
const UNIT_AT_END = /(亿元|万元)$/u;

/** A header without spaces, line breaks and its unit: 「合同金额\n（亿元）」 is 合同金额 in 亿元. */
function splitHeader(text: string): { base: string; unit: string | null } {
  let t = text.normalize('NFKC').replace(/\s+/gu, '');
  let unit: string | null = null;
  const bracket = UNIT_IN_BRACKETS.exec(t);
  if (bracket) {
    unit = (bracket[1] as string).trim() || null;
    t = t.replace(bracket[0], '');
  } else {
    const end = UNIT_AT_END.exec(t);
    if (end) {
      unit = end[1] as string;
      t = t.slice(0, -unit.length);
    }
  }
  return { base: t, unit };
}

interface Candidate<K extends string> {
  col: number;
  header: string;
  spec: ColumnSpec<K> | null;
  unit: string | null;
}

function rowTexts(sheet: ExcelJS.Worksheet, r: number, width: number): string[] {
  const row = sheet.getRow(r);
  const out: string[] = [];
  for (let c = 1; c <= width; c++) out.push(cellText(rawCell(row.getCell(c))));
  return out;
}

/** Reads the header as one row `r`, or as row `r` over row `r + 1` (a parent header over its parts). */
function candidates<K extends string>(
  specs: ReadonlyMap<string, ColumnSpec<K>>,
  top: string[],
  sub: string[] | null,
): Array<Candidate<K>> {
  return top.map((t, i) => {
    const s = sub?.[i] ?? '';
    if (!sub || s === '' || s === t) {
      const { base, unit } = splitHeader(t);
      return { col: i + 1, header: t, spec: specs.get(base) ?? null, unit };
    }
    const parent = splitHeader(t);
    const part = splitHeader(s);
    const spec =
      specs.get(parent.base.replace(PARENT_SUFFIXES, '') + part.base) ?? specs.get(part.base) ?? null;
    return { col: i + 1, header: t ? `${t}／${s}` : s, spec, unit: part.unit ?? parent.unit };
  });
}

function score<K extends string>(found: Array<Candidate<K>>, required: readonly K[]): number {
  const keys = new Set(found.flatMap((c) => (c.spec ? [c.spec.key] : [])));
  if (!required.every((k) => keys.has(k)) || keys.size < 2) return 0;
  return keys.size;
}

/**
 * Finds the header among the first rows (a merged title row above it matches nothing and is passed
 * over) and maps its columns; a two-row header is taken when reading the row below as its parts
 * maps more columns than the row alone.
 */
export function findHeader<K extends string>(
  sheet: ExcelJS.Worksheet,
  specList: ReadonlyArray<ColumnSpec<K>>,
  required: readonly K[],
): SheetHeader<K> | null {
  const specs = new Map<string, ColumnSpec<K>>();
  for (const spec of specList) for (const name of spec.names) specs.set(name, spec);
  const width = Math.min(sheet.columnCount, READ_LIMITS.columnsPerRow);
  const last = Math.min(sheet.rowCount, READ_LIMITS.headerSearchRows);
  let best: { lastRow: number; found: Array<Candidate<K>>; score: number } | null = null;
  const texts: string[][] = [];
  const singles: Array<{ found: Array<Candidate<K>>; score: number }> = [];
  for (let r = 1; r <= last + 1; r++) {
    texts[r] = r <= sheet.rowCount ? rowTexts(sheet, r, width) : [];
    const found = candidates(specs, texts[r] as string[], null);
    singles[r] = { found, score: score(found, required) };
  }
  for (let r = 1; r <= last; r++) {
    const top = texts[r] as string[];
    if (top.every((t) => t === '')) continue;
    const one = singles[r] as { found: Array<Candidate<K>>; score: number };
    if (one.score > (best?.score ?? 0)) best = { lastRow: r, found: one.found, score: one.score };
    // a title merged over the header is not its parent: the two rows must read better than either alone
    const below = singles[r + 1]?.score ?? 0;
    const double = candidates(specs, top, texts[r + 1] as string[]);
    const two = score(double, required);
    if (two > Math.max(one.score, below, best?.score ?? 0))
      best = { lastRow: r + 1, found: double, score: two };
  }
  if (!best) return null;
  const columns: Array<MappedColumn<K>> = [];
  const ignored: string[] = [];
  const problems: SheetHeader<K>['problems'] = [];
  const taken = new Map<K, string>();
  for (const c of best.found) {
    if (!c.spec) {
      if (c.header !== '') ignored.push(c.header);
      continue;
    }
    const first = taken.get(c.spec.key);
    if (first !== undefined) {
      ignored.push(c.header);
      continue;
    }
    taken.set(c.spec.key, c.header);
    let power: number | null = null;
    if (c.spec.kind === 'amount') {
      // a header without a unit is reported only if a cell does not name its own either
      if (c.unit === null) power = null;
      else if (UNIT_POWERS[c.unit] === undefined)
        problems.push({ column: c.header, message: zh.importHeaderUnknownUnit(c.header, c.unit) });
      else power = UNIT_POWERS[c.unit] as number;
    }
    columns.push({ col: c.col, header: c.header, spec: c.spec, power });
  }
  return { lastRow: best.lastRow, columns, ignored, problems };
}
