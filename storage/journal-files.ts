import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

// The journal's files in a data directory:
//   journal.jsonl                          the active file, appended to
//   journal.<from>.jsonl                   a file rotated out at a snapshot, not yet archived
//   journal-archive/journal.<from>-<to>.jsonl.gz   covered by a snapshot, compressed, kept for the audit
export const ACTIVE_JOURNAL = 'journal.jsonl';
export const ARCHIVE_DIR = 'journal-archive';
const ROTATED = /^journal\.(\d{12})\.jsonl$/;
const ARCHIVED = /^journal\.(\d{12})-(\d{12})\.jsonl\.gz$/;

const pad = (seq: number) => String(seq).padStart(12, '0');

export function rotatedName(from: number): string {
  return `journal.${pad(from)}.jsonl`;
}

export function archivedName(from: number, to: number): string {
  return `journal.${pad(from)}-${pad(to)}.jsonl.gz`;
}

/** One file holding journal records, in the order they were written. */
export interface JournalSource {
  path: string;
  /** The first record's seq, from the file name (the active file's is not known from its name). */
  from: number;
  kind: 'archived' | 'rotated' | 'active';
  /** An archived file's last seq. */
  to?: number;
}

/** Every journal file in the directory, oldest first; the active file last. */
export function journalSources(dir: string): JournalSource[] {
  const out: JournalSource[] = [];
  const archive = join(dir, ARCHIVE_DIR);
  if (existsSync(archive)) {
    for (const name of readdirSync(archive)) {
      const m = ARCHIVED.exec(name);
      if (m) out.push({ path: join(archive, name), from: Number(m[1]), to: Number(m[2]), kind: 'archived' });
    }
  }
  for (const name of readdirSync(dir)) {
    const m = ROTATED.exec(name);
    if (m) out.push({ path: join(dir, name), from: Number(m[1]), kind: 'rotated' });
  }
  // a rotated file and its archive can both exist for a moment (archived, not yet removed): the
  // plain one is read, the reader skips what it already has
  out.sort((a, b) => a.from - b.from || (a.kind === 'rotated' ? -1 : 1));
  out.push({ path: join(dir, ACTIVE_JOURNAL), from: Number.NaN, kind: 'active' });
  return out;
}

/** A line of a journal file and where it starts; `torn` when the file ends without its newline. */
export interface SourceLine {
  bytes: Buffer;
  offset: number;
  torn: boolean;
}

/** Reads a journal file a chunk at a time, from `start`, whatever its size. */
export function sourceLines(source: JournalSource, start = 0): AsyncGenerator<SourceLine> {
  const raw = createReadStream(source.path, { start, highWaterMark: 1 << 20 });
  return linesOf(source.kind === 'archived' ? raw.pipe(createGunzip()) : raw, start);
}

/**
 * Splits a byte stream into lines without ever holding more than one line and one chunk; `start`
 * is the stream's first byte's offset, so each line knows where it began.
 */
export async function* linesOf(stream: AsyncIterable<Buffer>, start = 0): AsyncGenerator<SourceLine> {
  let carry: Buffer[] = [];
  let carryFrom = start;
  let position = start;
  for await (const chunk of stream) {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      const piece = chunk.subarray(from, nl);
      const bytes = carry.length > 0 ? Buffer.concat([...carry, piece]) : piece;
      yield { bytes, offset: carryFrom, torn: false };
      carry = [];
      from = nl + 1;
      carryFrom = position + from;
    }
    if (from < chunk.length) carry.push(Buffer.from(chunk.subarray(from)));
    position += chunk.length;
  }
  if (carry.length > 0) yield { bytes: Buffer.concat(carry), offset: carryFrom, torn: true };
}

/** The seq of the last record of a plain journal file, read from its end. */
export async function lastSeqOf(path: string): Promise<number | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return null;
    const tail = Buffer.alloc(Math.min(size, 1 << 16));
    let end = size - 1;
    for (;;) {
      const from = Math.max(0, end - tail.length);
      const { bytesRead } = await handle.read(tail, 0, end - from, from);
      const nl = tail.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (nl >= 0 || from === 0) {
        const lineStart = nl >= 0 ? from + nl + 1 : 0;
        const line = Buffer.alloc(size - 1 - lineStart);
        await handle.read(line, 0, line.length, lineStart);
        const m = /"seq":(\d+)/.exec(line.toString('utf8'));
        return m ? Number(m[1]) : null;
      }
      end = from;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Compresses a rotated file into the archive once a durable snapshot covers all of it, then removes
 * it. Runs in libuv's pool (zlib, file I/O); the directory is synced before the plain file goes.
 */
export async function archiveRotated(
  dir: string,
  source: JournalSource,
  coveredTo: number,
): Promise<boolean> {
  const last = await lastSeqOf(source.path);
  if (last === null) {
    await rm(source.path, { force: true });
    return true;
  }
  if (last > coveredTo) return false;
  const archive = join(dir, ARCHIVE_DIR);
  await mkdir(archive, { recursive: true, mode: 0o700 });
  const target = join(archive, archivedName(source.from, last));
  const temp = `${target}.tmp`;
  await pipeline(createReadStream(source.path), createGzip(), createWriteStream(temp, { mode: 0o600 }));
  await syncPath(temp);
  await rename(temp, target);
  await syncPath(archive);
  await rm(source.path);
  await syncPath(dir);
  return true;
}

/** Syncs a file or a directory (a rename or a new file survives a crash once its directory is synced). */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Bytes of every journal file, archived ones included. */
export async function journalBytes(dir: string): Promise<number> {
  let total = 0;
  for (const s of journalSources(dir)) total += (await stat(s.path).catch(() => ({ size: 0 }))).size;
  return total;
}
