import type { createReadStream } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { zh } from '../src/text/zh.ts';
import { linesOf, syncPath } from './journal-files.ts';
import { RecordOrder } from './record-order.ts';
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
  /** The snapshot being written, until every record it holds has been read. */
  private capturing: Capture | null = null;
  private readonly order = new RecordOrder();
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
   * The document at this instant: its header and, per collection, its ids in order (kept up to
   * date as records change, not listed anew). Each record is looked up when its turn to be written
   * comes; one about to change or go before then is kept as it was by `beforeChange`.
   */
  private capture(data: RawSnapshot): Capture {
    const header: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data))
      if (!COLLECTIONS.includes(key as never)) header[key] = value;
    const order = this.order.current(data, COLLECTIONS);
    const collections: Capture['collections'] = [];
    for (const c of COLLECTIONS) {
      const records = data[c] as Record<string, unknown> | undefined;
      if (records) collections.push({ name: c, records, ids: order.get(c) ?? new Set() });
    }
    return {
      header: Buffer.from(JSON.stringify(header).slice(0, -1), 'utf8'),
      collections,
      kept: new Map(),
    };
  }

  /**
   * Told before a record of the document changes, is added or goes (the persistence sees every
   * change before the ledger applies it): a snapshot being written keeps the record as it was at
   * its instant, and the next one knows where the record stands.
   */
  beforeChange(collection: string, id: string, deleted: boolean): void {
    this.order.beforeChange(collection, id, deleted);
    const capture = this.capturing;
    const c = capture?.collections.find((x) => x.name === collection);
    if (!capture || !c || !Object.hasOwn(c.records, id)) return;
    let kept = capture.kept.get(collection);
    if (!kept) {
      kept = new Map();
      capture.kept.set(collection, kept);
    }
    if (!kept.has(id)) kept.set(id, c.records[id]);
  }

  /** Lists the document's ids now, where a pause does not matter (at start-up), so the next snapshot need not. */
  follow(data: RawSnapshot): void {
    this.order.current(data, COLLECTIONS);
    this.order.release();
  }

  /** The document changed without a word (a refused change was taken back): the next snapshot lists it anew. */
  forgetOrder(): void {
    this.order.forget();
  }

  /** No snapshot is being written any more: changes go straight into the record order again. */
  private endCapture(): void {
    this.capturing = null;
    this.order.release();
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
    if (this.capturing) throw new Error('a snapshot is already being written');
    // the instant the snapshot is of: taken before the first await
    const capture = this.capture(data);
    this.capturing = capture;
    try {
      this.hooks.captured?.();
    } catch (e) {
      // nothing changed since the capture (no await yet): the lists still hold, and the next snapshot may start
      this.endCapture();
      throw e;
    }
    const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.tmp`);
    let bytes = 0;
    try {
      const handle = await open(temp, 'w', 0o600);
      try {
        bytes = await this.writeRecords(handle, capture);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (e) {
      this.capturing = null;
      this.order.forget();
      await rm(temp, { force: true });
      throw e;
    }
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

  /**
   * Every record as it was at the capture, a line each. Records changed since the last snapshot
   * are serialised here, between writes: each write gives the event loop its turn, and one is made
   * at least every few milliseconds.
   */
  private async writeRecords(handle: FileHandle, capture: Capture): Promise<number> {
    let bytes = 0;
    let pieces: Buffer[] = [capture.header, NEWLINE];
    let since = performance.now();
    const flush = async () => {
      bytes += await writeAll(handle, pieces);
      pieces = [];
      since = performance.now();
    };
    for (const { name, records, ids } of capture.collections) {
      pieces.push(Buffer.from(`,${JSON.stringify(name)}:{`, 'utf8'), NEWLINE);
      let first = true;
      for (const id of ids) {
        const kept = capture.kept.get(name);
        const record = kept?.has(id) ? kept.get(id) : records[id];
        // only a change the persistence was not told of can do this: fail, and list anew next time
        if (record === undefined) throw new Error(`${name}/${id} is listed but not in the document`);
        if (!first) pieces.push(COMMA);
        first = false;
        pieces.push(this.lineOf(id, record), NEWLINE);
        if (pieces.length >= PIECES_PER_WRITE || performance.now() - since > SLICE_MS) await flush();
      }
      pieces.push(CLOSE, NEWLINE);
    }
    // every record is read: what changes from now on is no longer this snapshot's concern
    this.endCapture();
    pieces.push(CLOSE, NEWLINE);
    await flush();
    return bytes;
  }
}

/** A snapshot's instant: the header, each collection's ids, and the records that changed since. */
interface Capture {
  header: Buffer;
  /** `ids` is the collection's order as `RecordOrder` keeps it: no other snapshot runs meanwhile to change it. */
  collections: Array<{ name: string; records: Record<string, unknown>; ids: ReadonlySet<string> }>;
  /** Per collection, records as they were at the instant, kept before they changed or went. */
  kept: Map<string, Map<string, unknown>>;
}

const NEWLINE = Buffer.from('\n');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from('}');
/** Below the kernel's IOV_MAX (1024) pieces per writev. */
const PIECES_PER_WRITE = 1000;
/** The most a snapshot serialises before its next write hands the event loop a turn. */
const SLICE_MS = 5;

/** Writes every piece, however the kernel splits the writes. */
async function writeAll(handle: FileHandle, pieces: Buffer[]): Promise<number> {
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
