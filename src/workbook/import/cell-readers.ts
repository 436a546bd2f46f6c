import type { ContractType, ProblemCategory, Stage, StartType } from '../../../storage/schema.ts';
import { CONTRACT_TYPE_WORDS, PROBLEM_WORDS, START_TYPE_WORDS } from '../../domain/labels.ts';
import { fromYuan, type Wan } from '../../domain/money.ts';
import { decOf, decRound, decScale } from '../../reader/decimal.ts';
import { zh } from '../../text/zh.ts';
import { isValidLocalDate, type LocalDate, toLocalDate } from '../../time/clock.ts';
import { cellText, type RawCell } from './cell-values.ts';

/** A cell read as one kind of value, or what is wrong with it. */
export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(problem: string): Read<T> => ({ ok: false, problem });

/** Powers of ten from the unit to 元: amounts are converted exactly, as decimals, never through floats. */
export const UNIT_POWERS: Readonly<Record<string, number>> = { 元: 0, 万元: 4, 万: 4, 亿元: 8, 亿: 8 };

const NUMBER_TEXT = /^([+-]?)(\d[\d,]*)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;
const AMOUNT_TEXT = /^([+-]?\d[\d,]*(?:\.\d+)?)\s*(亿元|亿|万元|万|元)?$/u;
/** 1万亿元: no project is larger; a larger figure is a unit written wrong. */
const MAX_YUAN = 10n ** 12n;

/** `1234.5`, `1,234.5`, `1.5e3` as an exact decimal (a number's own shortest form for Excel's numbers). */
function exactDecimal(text: string): { n: bigint; s: number } | null {
  const m = NUMBER_TEXT.exec(text);
  if (!m) return null;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = m;
  const digits = BigInt(`${sign}${whole.replaceAll(',', '')}${fraction}`);
  return decScale(decOf(digits, fraction.length), Number(exponent));
}

/**
 * An amount in 万元, from a number in the header's unit or a text that names its own (`1,200`,
 * `3.5亿`). Excel's float (a formula's 0.30000000000000004) is read as the decimal it prints and
 * rounded to the 元, the store's precision.
 */
export function readAmount(raw: RawCell, headerPower: number | null): Read<Wan> | null {
  let text: string;
  let power = headerPower;
  if (raw.kind === 'number') text = String(raw.value);
  else if (raw.kind === 'text') {
    const t = raw.text.normalize('NFKC').replace(/\s+/g, '').replaceAll('，', ',');
    const m = AMOUNT_TEXT.exec(t);
    if (!m) return bad(zh.importAmountUnreadable(raw.text.trim()));
    text = m[1] as string;
    if (m[2]) power = UNIT_POWERS[m[2]] as number;
  } else return bad(zh.importAmountUnreadable(cellText(raw)));
  // a header without a unit is reported once for its column
  if (power === null) return null;
  const dec = exactDecimal(text);
  if (!dec) return bad(zh.importAmountUnreadable(text));
  if (dec.n < 0n) return bad(zh.importAmountNegative(text));
  const yuan = decRound(decScale(dec, power));
  if (yuan > MAX_YUAN) return bad(zh.importAmountTooLarge(text));
  return ok(fromYuan(Number(yuan)));
}

const TEXT_DATE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/u;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
/** Day 1 of Excel's 1900 system is 1900-01-01, but it counts a 29 February 1900 that never was. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Serials of 1950–2100: a bare number outside them in a date column is not a date. */
const SERIAL_RANGE = [18_264, 73_051] as const;

/**
 * A calendar date. Excel keeps dates without a zone, as the wall clock of whoever typed them — here
 * Asia/Shanghai — so a serial or the Date exceljs makes of one is read by its UTC fields, never
 * shifted by the server's zone.
 */
export function readDate(raw: RawCell, date1904: boolean): Read<LocalDate> {
  if (raw.kind === 'date') return ok(raw.date.toISOString().slice(0, 10));
  if (raw.kind === 'number') {
    const serial = Math.floor(raw.value) + (date1904 ? 1_462 : 0);
    if (serial < SERIAL_RANGE[0] || serial > SERIAL_RANGE[1])
      return bad(zh.importDateUnreadable(String(raw.value)));
    return ok(new Date(EXCEL_EPOCH_MS + serial * DAY_MS).toISOString().slice(0, 10));
  }
  const text = cellText(raw).normalize('NFKC');
  const m = TEXT_DATE.exec(text) ?? COMPACT_DATE.exec(text);
  if (!m) return bad(zh.importDateUnreadable(text));
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidLocalDate(y, mo, d)) return bad(zh.importDateInvalid(text));
  return ok(toLocalDate(y, mo, d));
}

const STAGE_WORDS: Record<string, Stage> = {
  线索: '线索',
  在谈: '在谈',
  洽谈: '在谈',
  洽谈中: '在谈',
  在谈项目: '在谈',
  签约: '签约',
  已签约: '签约',
  签约未开工: '签约',
  开工: '开工',
  已开工: '开工',
  在建: '开工',
  投产: '投产',
  已投产: '投产',
  终止: '终止',
  已终止: '终止',
  投资终止: '终止',
  退库: '终止',
};

const YES_NO: Record<string, boolean> = {
  是: true,
  否: false,
  Y: true,
  N: false,
  重大: true,
  '√': true,
  '×': false,
};

function choice<T>(raw: RawCell, words: Record<string, T>, options: string[]): Read<T> {
  const text = cellText(raw).normalize('NFKC').replace(/\s+/g, '');
  const value = words[text] ?? words[text.toUpperCase()];
  return value === undefined ? bad(zh.importChoiceUnknown(cellText(raw), options)) : ok(value);
}

export const readStage = (raw: RawCell) =>
  choice(raw, STAGE_WORDS, ['线索', '在谈', '签约', '开工', '投产', '终止']);
export const readContractType = (raw: RawCell): Read<ContractType> =>
  choice(raw, CONTRACT_TYPE_WORDS, ['正式合同', '框架协议', '意向协议']);
export const readStartType = (raw: RawCell): Read<StartType> =>
  choice(raw, START_TYPE_WORDS, ['建安类', '设备购置类', '开业类']);
export const readYesNo = (raw: RawCell): Read<boolean> =>
  raw.kind === 'bool' ? ok(raw.value) : choice(raw, YES_NO, ['是', '否']);

const PROBLEM_ENTRY = /^(?:【([^】]{1,4})】|\[([^\]]{1,4})\]|([^:：]{1,4})[:：])\s*(.+)$/su;

/** 问题 cells: one problem a line (or between 「；」), each optionally led by its category: 「土地：报批未完成」. */
export function readProblems(raw: RawCell): Array<{ category: ProblemCategory; text: string }> {
  return cellText(raw)
    .split(/[\n；;]+/u)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((entry) => {
      const m = PROBLEM_ENTRY.exec(entry);
      const category = m ? PROBLEM_WORDS[(m[1] ?? m[2] ?? m[3] ?? '').trim()] : undefined;
      return category && m ? { category, text: (m[4] as string).trim() } : { category: '其他', text: entry };
    });
}
