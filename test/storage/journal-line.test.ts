import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeJournalLine, encodeJournalLine } from '../../storage/journal-line.ts';
import type { JournalRecord } from '../../storage/journal-record.ts';

const record = {
  v: 6,
  seq: 42,
  at: '2026-11-29T10:00:00.000+08:00',
  actor: 'lisi',
  messageKey: 'wecom:msg-1',
  text: '登记签约 年产𠀾30万吨"再生铝"项目 \\ 合同额12亿\n',
  command: 'register-signing',
  summary: '登记签约 P2026-001',
  ops: [],
} as JournalRecord;

describe('a journal line', () => {
  it('is the record as JSON with the checksum of the bytes after it in front, as every v6 line was written', () => {
    const json = JSON.stringify(record);
    const sum = createHash('sha256').update(json.slice(1), 'utf8').digest('hex').slice(0, 16);
    expect(encodeJournalLine(record).toString('utf8')).toBe(`{"sum":"${sum}",${json.slice(1)}\n`);
  });

  it('reads back as the record, and a changed byte is caught by its checksum', () => {
    const line = encodeJournalLine(record);
    const body = line.subarray(0, line.length - 1);
    expect(decodeJournalLine(body)).toEqual({ kind: 'checked', record });
    const tampered = Buffer.from(body);
    tampered[tampered.length - 3] = 0x30;
    expect(decodeJournalLine(tampered).kind).toBe('bad-checksum');
  });
});
