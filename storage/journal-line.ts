import { hashHex } from '../src/core/hash-hex.ts';
import type { JournalRecord } from './journal-record.ts';

// `{"sum":"<16 hex>",` then the record's own JSON without its opening brace: still one JSON object
// per line for anyone reading the audit log with jq, and the sum covers the exact bytes after it.
const HEAD = Buffer.from('{"sum":"');
const SUM_LENGTH = 16;
const BODY_AT = HEAD.length + SUM_LENGTH + 2;
// Records written before checksums existed start with their version field.
const LEGACY_HEAD = Buffer.from('{"v":');

function sumOf(body: Buffer): string {
  return hashHex('sha256', body).slice(0, SUM_LENGTH);
}

/** The bytes appended to `journal.jsonl` for one record, newline included. */
export function encodeJournalLine(record: JournalRecord): Buffer {
  const json = JSON.stringify(record);
  // one buffer, written in place: the record's opening brace lands where the sum's closing `",` goes
  const size = Buffer.byteLength(json, 'utf8');
  const line = Buffer.allocUnsafe(BODY_AT - 1 + size + 1);
  line.write(json, BODY_AT - 1, 'utf8');
  HEAD.copy(line, 0);
  line.write(`${sumOf(line.subarray(BODY_AT, line.length - 1))}",`, HEAD.length, 'latin1');
  line[line.length - 1] = 0x0a;
  return line;
}

export type DecodedLine =
  | { kind: 'checked'; record: JournalRecord }
  | { kind: 'legacy'; record: JournalRecord }
  | { kind: 'bad-checksum' }
  | { kind: 'corrupt' };

/** Reads one journal line (without its newline), checking its sum when it has one. */
export function decodeJournalLine(line: Buffer): DecodedLine {
  const checked =
    line.length > BODY_AT &&
    line.subarray(0, HEAD.length).equals(HEAD) &&
    line.toString('latin1', BODY_AT - 2, BODY_AT) === '",';
  if (checked) {
    const sum = line.toString('latin1', HEAD.length, HEAD.length + SUM_LENGTH);
    if (sumOf(line.subarray(BODY_AT)) !== sum) return { kind: 'bad-checksum' };
  } else if (!line.subarray(0, LEGACY_HEAD.length).equals(LEGACY_HEAD)) {
    return { kind: 'corrupt' };
  }
  try {
    const { sum: _sum, ...record } = JSON.parse(line.toString('utf8')) as JournalRecord & { sum?: string };
    return { kind: checked ? 'checked' : 'legacy', record };
  } catch {
    return { kind: 'corrupt' };
  }
}
