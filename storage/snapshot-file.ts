import type { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { zh } from '../src/text/zh.ts';
import { linesOf, syncPath } from './journal-files.ts';
import { StoreUnreadableError } from './save-errors.ts';
import { COLLECTIONS } from './schema.ts';

/** A snapshot as read: its header fields and its collections, not yet checked against the schema. */
export type RawSnapshot = Record<string, unknown> & { schemaVersion?: unknown; seq?: unknown };

/** What the persistence does around writing one snapshot. */
export interface SnapshotHooks {
  /** Called once the snapshot's text is fixed, before the first await. */
  captured?(): void;
  /** Awaited before the new file replaces the old one; a rejection discards it. */
  beforePublish?(): Promise<void>;
}

const CHUNK_BYTES = 1 << 20;
const COLLECTION_LINE = /^,("[A-Za-z]+"):\{$/;

/**
 * The snapshot `saima.json`, written as JSON with one record per line:
 *
 *     {"schemaVersion":6,"seq":41
 *     ,"projects":{
 *     "P2026-001":{…}
 *     ,"P2026-002":{…}
 *     }
 *     }
 *
 * It is still one JSON document (for jq and for people), but it is read a line at a time, so no
 * limit on the length of one string ever stops a start-up; and each record's line is kept with the
 * record, so a snapshot only serialises the records that changed since the last one. The ledger
 * replaces records, never changes them in place, which is what makes the record a safe cache key.
 * Implements lowdb's Adapter, the embedded store's contract for reading and writing the document.
 */
export class SnapshotFile implements Adapter<RawSnapshot | null> {
  /** Each record's line as bytes: a snapshot hands them to the kernel without encoding anything again. */
  private readonly lines = new WeakMap<object, Buffer>();
  hooks: SnapshotHooks = {};
  /** Bytes of the last snapshot read or written. */
  bytes = 0;
  /** The file read was one JSON text in one piece (an earlier version's), not a record per line. */
  wholeDocument = false;

  constructor(readonly path: string) {}

  async read(): Promise<RawSnapshot | null> {
    let stream: ReturnType<typeof createReadStream>;
    try {
      const handle = await open(this.path, 'r');
      stream = handle.createReadStream({ highWaterMark: CHUNK_BYTES });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreUnreadableError(this.path, (e as Error).message);
    }
    let doc: RawSnapshot | null = null;
    let legacy = null as string[] | null;
    let collection: Record<string, unknown> | null = null;
    let ended = false;
    let lineNo = 0;
    const take = (bytes: Buffer) => {
      const line = bytes.toString('utf8');
      lineNo++;
      if (legacy) {
        legacy.push(line);
        return;
      }
      if (doc === null) {
        // one line holding the whole document: written by an earlier version in one piece
        const header = parseOr(`${line}}`) as RawSnapshot | undefined;
        if (header && typeof header === 'object' && typeof header.schemaVersion === 'number') doc = header;
        else legacy = [line];
        return;
      }
      if (ended) {
        if (line.trim()) throw new StoreUnreadableError(this.path, zh.notJson(`line ${lineNo}`));
        return;
      }
      const open = COLLECTION_LINE.exec(line);
      if (open && collection === null) {
        collection = {};
        (doc as Record<string, unknown>)[JSON.parse(open[1] as string) as string] = collection;
        return;
      }
      if (line === '}') {
        if (collection === null) ended = true;
        collection = null;
        return;
      }
      if (collection === null) throw new StoreUnreadableError(this.path, zh.notJson(`line ${lineNo}`));
      const body = line.startsWith(',') ? line.slice(1) : line;
      const entry = parseOr(`{${body}}`);
      if (!entry || typeof entry !== 'object')
        throw new StoreUnreadableError(this.path, zh.notJson(`line ${lineNo}`));
      for (const [id, record] of Object.entries(entry)) {
        collection[id] = record;
        // the line's own bytes, copied out of the read chunk: a later snapshot writes them as they are
        if (record && typeof record === 'object')
          this.lines.set(record, Buffer.from(bytes.subarray(bytes[0] === 0x2c ? 1 : 0)));
      }
    };
    let bytes = 0;
    try {
      for await (const line of linesOf(stream as AsyncIterable<Buffer>)) {
        take(line.bytes);
        bytes = line.offset + line.bytes.length + (line.torn ? 0 : 1);
      }
    } catch (e) {
      if (e instanceof StoreUnreadableError) throw e;
      throw new StoreUnreadableError(this.path, (e as Error).message);
    }
    this.bytes = bytes;
    this.wholeDocument = legacy !== null;
    if (legacy) {
      try {
        return JSON.parse(legacy.join('\n')) as RawSnapshot;
      } catch (e) {
        throw new StoreUnreadableError(this.path, zh.notJson((e as Error).message));
      }
    }
    if (doc === null) throw new StoreUnreadableError(this.path, zh.notJson('empty file'));
    if (!ended) throw new StoreUnreadableError(this.path, zh.notJson('the file ends too early'));
    return doc;
  }

  /**
   * The document at this instant: its header and, per collection, the records it holds. Only the
   * references are taken; records are never changed in place (the ledger replaces them), so what
   * they say cannot change while they are written out afterwards, a few at a time.
   */
  private view(data: RawSnapshot): {
    header: Buffer;
    collections: Array<[string, Array<[string, unknown]>]>;
  } {
    const header: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data))
      if (!COLLECTIONS.includes(key as never)) header[key] = value;
    const collections: Array<[string, Array<[string, unknown]>]> = [];
    for (const c of COLLECTIONS) {
      const records = data[c] as Record<string, unknown> | undefined;
      if (records) collections.push([c, Object.entries(records)]);
    }
    return { header: Buffer.from(JSON.stringify(header).slice(0, -1), 'utf8'), collections };
  }

  /** A record's line: kept from when it was last read or written, else serialised now and kept. */
  private lineOf(id: string, record: unknown): Buffer {
    let line = record && typeof record === 'object' ? this.lines.get(record) : undefined;
    if (line === undefined) {
      line = Buffer.from(`${JSON.stringify(id)}:${JSON.stringify(record)}`, 'utf8');
      if (record && typeof record === 'object') this.lines.set(record, line);
    }
    return line;
  }

  async write(data: RawSnapshot | null): Promise<void> {
    if (data === null) throw new Error('no document to write');
    // the instant the snapshot is of: taken before the first await
    const view = this.view(data);
    this.hooks.captured?.();
    const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.tmp`);
    const handle = await open(temp, 'w', 0o600);
    let bytes = 0;
    try {
      // records changed since the last snapshot are serialised here, between writes: each write
      // gives the event loop its turn, and one is made at least every few milliseconds
      let pieces: Buffer[] = [view.header, NEWLINE];
      let since = performance.now();
      const flush = async () => {
        bytes += await writeAll(handle, pieces);
        pieces = [];
        since = performance.now();
      };
      for (const [c, records] of view.collections) {
        pieces.push(Buffer.from(`,${JSON.stringify(c)}:{`, 'utf8'), NEWLINE);
        for (let i = 0; i < records.length; i++) {
          const [id, record] = records[i] as [string, unknown];
          if (i > 0) pieces.push(COMMA);
          pieces.push(this.lineOf(id, record), NEWLINE);
          if (pieces.length >= PIECES_PER_WRITE || performance.now() - since > SLICE_MS) await flush();
        }
        pieces.push(CLOSE, NEWLINE);
      }
      pieces.push(CLOSE, NEWLINE);
      await flush();
      await handle.sync();
    } catch (e) {
      await handle.close();
      await rm(temp, { force: true });
      throw e;
    }
    await handle.close();
    try {
      await this.hooks.beforePublish?.();
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    await rename(temp, this.path);
    await syncPath(dirname(this.path));
    this.bytes = bytes;
  }
}

const NEWLINE = Buffer.from('\n');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from('}');
/** Below the kernel's IOV_MAX (1024) pieces per writev. */
const PIECES_PER_WRITE = 1000;
/** The most a snapshot serialises before its next write hands the event loop a turn. */
const SLICE_MS = 5;

/** Writes every piece, however the kernel splits the writes. */
async function writeAll(handle: Awaited<ReturnType<typeof open>>, pieces: Buffer[]): Promise<number> {
  let rest = pieces;
  let total = 0;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest);
    total += bytesWritten;
    let skip = bytesWritten;
    let i = 0;
    while (i < rest.length && skip >= (rest[i] as Buffer).length) skip -= (rest[i++] as Buffer).length;
    rest = rest.slice(i);
    if (skip > 0 && rest.length > 0) rest = [(rest[0] as Buffer).subarray(skip), ...rest.slice(1)];
  }
  return total;
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
