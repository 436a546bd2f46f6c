import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { zh } from '../src/text/zh.ts';
import { StoreUnreadableError } from './durable-json-file.ts';
import type { FsOps } from './fs-ops.ts';
import { decodeJournalLine } from './journal-line.ts';
import { applyPuts } from './puts.ts';
import type { StoreDocument } from './schema.ts';

const CHECKED_HEAD = Buffer.from('{"sum":"');

/** Left beside the journal when a refused record could not be cut off; the next start cuts it. */
export interface RefusedMarker {
  offset: number;
  length: number;
  seq: number;
}

/** The journal as opened at start-up, before the store takes any change. */
export interface OpenJournal {
  fd: number;
  path: string;
  fs: FsOps;
  log: (line: string) => void;
}

/** Removes a record that was answered "not saved" but could not be rolled back when it failed. */
export function cutRefusedRecord(j: OpenJournal, refusedPath: string): void {
  if (!existsSync(refusedPath)) return;
  const fd = j.fd;
  const marker = JSON.parse(readFileSync(refusedPath, 'utf8')) as RefusedMarker;
  const size = fstatSync(fd).size;
  if (size > marker.offset + marker.length) {
    throw new StoreUnreadableError(
      j.path,
      zh.journalRefusedThenMore(refusedPath, marker.offset, marker.length, size),
    );
  }
  if (size > marker.offset) {
    const savedTo = setAside(j, marker.offset, size, 'refused');
    j.log(zh.journalRefusedCut(marker.offset, size - marker.offset, savedTo));
  }
  unlinkSync(refusedPath);
}

/** Copies the journal's bytes from `from` to its end into a new side file, then cuts them off. */
function setAside(j: OpenJournal, from: number, size: number, why: string): string {
  const fd = j.fd;
  const bytes = Buffer.alloc(size - from);
  let read = 0;
  while (read < bytes.length) read += readSync(fd, bytes, read, bytes.length - read, from + read);
  let savedTo = `${j.path}.${why}-${from}`;
  for (let n = 2; existsSync(savedTo); n++) savedTo = `${j.path}.${why}-${from}.${n}`;
  const copy = openSync(savedTo, 'wx', 0o600);
  try {
    writeSync(copy, bytes);
    fsyncSync(copy);
  } finally {
    closeSync(copy);
  }
  j.fs.ftruncateSync(fd, from);
  j.fs.fdatasyncSync(fd);
  return savedTo;
}

/** Line number (from 1) of the journal line that starts at byte `at`; only used to report an error. */
function lineAt(j: OpenJournal, at: number): number {
  const fd = j.fd;
  const chunk = Buffer.alloc(1 << 20);
  let lines = 1;
  for (let pos = 0; pos < at; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, at - pos), pos);
    if (n <= 0) break;
    for (let i = 0; i < n; i++) if (chunk[i] === 0x0a) lines++;
    pos += n;
  }
  return lines;
}

/** Whether the last line before byte `end` (the snapshot's edge) carries a checksum. */
function checkedBefore(j: OpenJournal, end: number): boolean {
  if (end === 0) return false;
  const fd = j.fd;
  const chunk = Buffer.alloc(64 * 1024);
  let start = 0;
  for (let stop = end - 1; stop > 0; ) {
    const from = Math.max(0, stop - chunk.length);
    readSync(fd, chunk, 0, stop - from, from);
    const newline = chunk.subarray(0, stop - from).lastIndexOf(0x0a);
    if (newline >= 0) {
      start = from + newline + 1;
      break;
    }
    stop = from;
  }
  const head = Buffer.alloc(Math.min(CHECKED_HEAD.length, end - start));
  readSync(fd, head, 0, head.length, start);
  return head.equals(CHECKED_HEAD);
}

export function replayJournal(j: OpenJournal, doc: StoreDocument): void {
  const fd = j.fd;
  const size = fstatSync(fd).size;
  if (size < doc.journalBytes) {
    throw new StoreUnreadableError(j.path, zh.journalShorterThanSnapshot(size, doc.journalBytes));
  }
  const length = size - doc.journalBytes;
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) read += readSync(fd, buffer, read, length - read, doc.journalBytes + read);
  // Records written before checksums existed are accepted only until the first checksummed one:
  // from then on every record has one, so a line without it was not written by saima.
  let checked = checkedBefore(j, doc.journalBytes);
  let offset = 0;
  let replayed = 0;
  while (offset < length) {
    const at = doc.journalBytes + offset;
    const newline = buffer.indexOf(0x0a, offset);
    if (newline < 0) {
      const savedTo = setAside(j, at, size, 'torn');
      j.log(zh.journalTornTail(at, length - offset, savedTo));
      break;
    }
    const decoded = decodeJournalLine(buffer.subarray(offset, newline));
    if (decoded.kind === 'bad-checksum')
      throw new StoreUnreadableError(j.path, zh.journalBadChecksum(lineAt(j, at), at));
    if (decoded.kind === 'corrupt')
      throw new StoreUnreadableError(j.path, zh.journalCorrupt(lineAt(j, at), at));
    if (decoded.kind === 'legacy' && checked)
      throw new StoreUnreadableError(j.path, zh.journalUncheckedAfterChecked(lineAt(j, at), at));
    checked ||= decoded.kind === 'checked';
    const { record } = decoded;
    if (record.seq !== doc.seq + 1) {
      throw new StoreUnreadableError(j.path, zh.journalSeqGap(lineAt(j, at), at, doc.seq + 1, record.seq));
    }
    applyPuts(doc, record.puts);
    doc.seq = record.seq;
    offset = newline + 1;
    replayed++;
  }
  doc.journalBytes += offset;
  if (replayed > 0) j.log(zh.journalReplayed(replayed));
}
