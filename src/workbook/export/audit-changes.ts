import type { JournalRecord, LegacyJournalRecord } from '../../../storage/journal-record.ts';
import { diffRecord, type Op } from '../../../storage/ops.ts';
import { DATA_COLLECTIONS } from '../../../storage/schema.ts';
import { zh } from '../../text/zh.ts';
import { NO, YES } from '../columns.ts';

type Rec = Record<string, unknown>;

/** Bookkeeping inside a record: who and when are the row's own columns, ids say nothing to a reader. */
const NOISE = new Set([
  'id',
  'at',
  'by',
  'createdAt',
  'createdBy',
  'updatedAt',
  'statusAt',
  'statusBy',
  'postedAt',
  'postedBy',
]);
const DATA = new Set<string>(DATA_COLLECTIONS);

export interface AuditNames {
  unitName(unitId: string | null): string;
  /** The name of a record an op is about (a project's, a unit's …), if it has one. */
  recordName(collection: string, id: string): string | null;
}

/** What a journal record did to the bureau's records, as ops; a record from before v6 is diffed. */
export function opsOf(record: JournalRecord | LegacyJournalRecord): Op[] {
  if ('ops' in record) return record.ops;
  const before = new Map(record.before.map((p) => [`${p.c}/${p.id}`, p.v]));
  return record.puts
    .map((p) => diffRecord(p.c, p.id, before.get(`${p.c}/${p.id}`) ?? undefined, p.v ?? undefined, true))
    .filter((op): op is Op => op !== null);
}

/** Only changes to the bureau's data count; outbox, counters and handled messages are bookkeeping. */
export function isDataOp(op: Op): boolean {
  return DATA.has(op.c);
}

function fieldLabel(key: string): string {
  return zh.auditFields[key] ?? key;
}

function valueText(key: string, value: unknown, names: AuditNames): string {
  if (value === null || value === undefined || value === '') return zh.auditEmpty;
  if (typeof value === 'boolean') return value ? YES : NO;
  if (typeof value === 'number') return key.endsWith('Wan') ? `${value}万元` : String(value);
  if (typeof value === 'string')
    return key === 'unitId' || key === 'leadUnitId' ? names.unitName(value) : value;
  if (Array.isArray(value)) {
    if (key === 'memberUnitIds') return value.map((u) => names.unitName(String(u))).join('、');
    return value.map((v) => valueText(key, v, names)).join('；');
  }
  return Object.entries(value as Rec)
    .filter(([k, v]) => !NOISE.has(k) && v !== null && v !== undefined)
    .map(([k, v]) => `${fieldLabel(k)} ${valueText(k, v, names)}`)
    .join('，');
}

function fieldsText(rec: Rec, names: AuditNames): string {
  return Object.entries(rec)
    .filter(
      ([k, v]) => !NOISE.has(k) && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
    )
    .map(([k, v]) => `${fieldLabel(k)}：${valueText(k, v, names)}`)
    .join('；');
}

/** 「项目 P2023-001 再生铝项目 合同额：12万元 → 13万元」: one op as a reader of the audit wants it. */
export function opText(op: Op, names: AuditNames): string {
  const subject = [zh.auditCollections[op.c] ?? op.c, op.id, names.recordName(op.c, op.id)]
    .filter(Boolean)
    .join(' ');
  if (op.del) return `${zh.auditDeleted} ${subject}`;
  if ('new' in op) return `${zh.auditCreated} ${subject}：${fieldsText((op.new ?? {}) as Rec, names)}`;
  const was = (op.was ?? {}) as Rec;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(op.set ?? {})) {
    if (NOISE.has(key)) continue;
    parts.push(`${fieldLabel(key)}：${valueText(key, was[key], names)} → ${valueText(key, value, names)}`);
  }
  for (const key of op.unset ?? []) {
    if (NOISE.has(key)) continue;
    parts.push(`${fieldLabel(key)}：${valueText(key, was[key], names)} → ${zh.auditEmpty}`);
  }
  for (const [key, items] of Object.entries(op.push ?? {})) {
    if (key === 'stageHistory') continue;
    parts.push(`${fieldLabel(key)} ${zh.auditAdded}：${valueText(key, items, names)}`);
  }
  return parts.length ? `${subject} ${parts.join('；')}` : subject;
}
