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
import { basename, dirname, join } from 'node:path';
import { zh } from '../src/text/zh.ts';
import type { FsOps } from './fs-ops.ts';
import { type JournalSource, journalSources, sourceLines } from './journal-files.ts';
import { decodeJournalLine } from './journal-line.ts';
import type { JournalRecord, LegacyJournalRecord } from './journal-record.ts';
import { applyOps } from './ops.ts';
import { applyPuts } from './puts.ts';
import { StoreUnreadableError } from './save-errors.ts';
import type { StoreDocument } from './schema.ts';

const CHECKED_HEAD = Buffer.from('{"sum":"');

/** Left beside the journal when a refused record could not be cut off; the next start cuts it. */
export interface RefusedMarker {
  offset: number;
  length: number;
  seq: number;
  /** The journal file holding the refused bytes; the active file when absent. */
  file?: string;
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
  const marker = JSON.parse(readFileSync(refusedPath, 'utf8')) as RefusedMarker;
  // the refused bytes may be in a file rotated out since (it keeps its new name in the marker)
  const named = marker.file ? join(dirname(j.path), basename(marker.file)) : j.path;
  const file = named !== j.path && existsSync(named) ? named : j.path;
  const target = file === j.path ? j : { ...j, fd: openSync(file, 'r+'), path: file };
  try {
    const size = fstatSync(target.fd).size;
    if (size > marker.offset + marker.length) {
      throw new StoreUnreadableError(
        target.path,
        zh.journalRefusedThenMore(refusedPath, marker.offset, marker.length, size),
      );
    }
    if (size > marker.offset) {
      const savedTo = setAside(target, marker.offset, size, 'refused');
      j.log(zh.journalRefusedCut(marker.offset, size - marker.offset, savedTo));
    }
  } finally {
    if (target !== j) closeSync(target.fd);
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

/** A record as written by any version: v6 records carry ops, earlier ones whole records. */
function applyRecord(doc: StoreDocument, record: JournalRecord | LegacyJournalRecord): void {
  if ('ops' in record && record.ops) applyOps(doc, record.ops);
  else applyPuts(doc, (record as LegacyJournalRecord).puts);
}

export interface ReplayResult {
  replayed: number;
  /** Records written by a version before v6 were replayed: the journal is to be migrated. */
  legacy: boolean;
  /** The first seq in the active file, or the next one when it is empty. */
  activeFrom: number;
  /** Where the active file's good records end. */
  activeSize: number;
}

/**
 * Applies every record after the snapshot, from whichever files hold them: archived ones only when
 * the snapshot is older than they are (or missing), then rotated ones, then the active file. Files
 * are read a chunk at a time, so no size limit of a file or a string ever stops a start.
 * `legacyOffset`: a snapshot from before rotation said how far into the active file it reached.
 */
export async function replayJournal(
  j: OpenJournal,
  dir: string,
  doc: StoreDocument,
  legacyOffset: number,
  snapshotChecked: boolean,
): Promise<ReplayResult> {
  const sources = journalSources(dir);
  const size = fstatSync(j.fd).size;
  if (size < legacyOffset) {
    throw new StoreUnreadableError(j.path, zh.journalShorterThanSnapshot(size, legacyOffset));
  }
  // Records written before checksums existed are accepted only until the first checksummed one:
  // from then on every record has one, so a line without it was not written by saima.
  let checked = snapshotChecked || checkedBefore(j, legacyOffset);
  let replayed = 0;
  let legacy = false;
  let activeFrom = Number.NaN;
  let activeSize = legacyOffset;
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i] as JournalSource;
    const next = sources[i + 1];
    // a file whose every record the snapshot already holds is not read
    if (source.kind === 'archived' && (source.to ?? Number.POSITIVE_INFINITY) <= doc.seq) continue;
    if (source.kind !== 'active' && next && next.kind !== 'active' && next.from <= doc.seq + 1) continue;
    const active = source.kind === 'active';
    const start = active ? legacyOffset : 0;
    let lineNo = 0;
    const where = (offset: number) => (active ? lineAt(j, offset) : lineNo);
    const label = active ? j.path : source.path;
    for await (const { bytes, offset, torn } of sourceLines(source, start)) {
      lineNo++;
      if (torn) {
        if (!active) throw new StoreUnreadableError(label, zh.journalCorrupt(lineNo, offset));
        const savedTo = setAside(j, offset, size, 'torn');
        j.log(zh.journalTornTail(offset, size - offset, savedTo));
        break;
      }
      const decoded = decodeJournalLine(bytes);
      if (decoded.kind === 'bad-checksum')
        throw new StoreUnreadableError(label, zh.journalBadChecksum(where(offset), offset));
      if (decoded.kind === 'corrupt')
        throw new StoreUnreadableError(label, zh.journalCorrupt(where(offset), offset));
      if (decoded.kind === 'legacy' && checked && decoded.record.seq > doc.seq)
        throw new StoreUnreadableError(label, zh.journalUncheckedAfterChecked(where(offset), offset));
      checked ||= decoded.kind === 'checked';
      const { record } = decoded;
      if (active && Number.isNaN(activeFrom)) activeFrom = record.seq;
      if (active) activeSize = offset + bytes.length + 1;
      if (record.seq <= doc.seq) continue;
      if (record.seq !== doc.seq + 1) {
        throw new StoreUnreadableError(
          label,
          zh.journalSeqGap(where(offset), offset, doc.seq + 1, record.seq),
        );
      }
      legacy ||= !('ops' in record && record.ops);
      applyRecord(doc, record);
      doc.seq = record.seq;
      replayed++;
    }
  }
  if (replayed > 0) j.log(zh.journalReplayed(replayed));
  return {
    replayed,
    legacy,
    activeFrom: Number.isNaN(activeFrom) ? doc.seq + 1 : activeFrom,
    activeSize,
  };
}
