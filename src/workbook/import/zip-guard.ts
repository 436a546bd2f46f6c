import { inflateRawSync } from 'node:zlib';
import { UserError } from '../../core/errors.ts';
import { zh } from '../../text/zh.ts';
import { READ_LIMITS } from './read-limits.ts';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The CFB container Office uses for password-protected files and for the old .xls format. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

function refuse(message: string): never {
  throw new UserError(message);
}

/** What a file is, by its first bytes: an xlsx is a zip; a locked one or an .xls is a CFB container. */
export function sniffWorkbook(bytes: Buffer): void {
  if (bytes.length === 0) refuse(zh.importFileEmpty);
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    refuse(bytes.includes(ENCRYPTED_PACKAGE) ? zh.importEncrypted : zh.importOldXls);
  }
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL) refuse(zh.importNotXlsx);
}

/**
 * Walks the zip's central directory and inflates every part itself, each bounded by the size the
 * directory declares, before exceljs sees the file: a part that inflates beyond what it claims (a
 * zip bomb), more parts or bytes than any ledger needs, or a merge over a whole sheet is refused
 * here, where it costs at most the bounds.
 */
export function checkZip(bytes: Buffer): void {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) refuse(zh.importCorrupt(zh.zipNoDirectory));
  const entries = bytes.readUInt16LE(eocd + 10);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff) refuse(zh.importTooBigInside('ZIP64'));
  if (entries > READ_LIMITS.zipEntries) refuse(zh.importTooBigInside(zh.zipParts(entries)));
  let total = 0;
  let cells = 0;
  let at = directoryOffset;
  let hasWorkbook = false;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL)
      refuse(zh.importCorrupt(zh.zipBadDirectory));
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at = next;
    if (flags & 1) refuse(zh.importEncrypted);
    total += size;
    if (total > READ_LIMITS.unzippedBytes)
      refuse(zh.importTooBigInside(zh.zipUnzippedOver(READ_LIMITS.unzippedBytes / 1024 / 1024)));
    if (name === 'xl/workbook.xml') hasWorkbook = true;
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL)
      refuse(zh.importCorrupt(zh.zipPartBroken(name)));
    const start =
      localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (start + compressed > bytes.length) refuse(zh.importCorrupt(zh.zipPartCut(name)));
    const raw = bytes.subarray(start, start + compressed);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
      } catch (e) {
        if (e instanceof RangeError) refuse(zh.importTooBigInside(zh.zipPartInflates(name)));
        refuse(zh.importCorrupt(zh.zipPartUnreadable(name)));
      }
    } else refuse(zh.importCorrupt(zh.zipPartMethod(name, method)));
    if (data.length !== size) refuse(zh.importCorrupt(zh.zipPartSize(name)));
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) cells += checkSheetXml(name, data.toString('utf8'));
    if (cells > READ_LIMITS.cellsInWorkbook)
      refuse(zh.importTooBigInside(zh.zipCells(READ_LIMITS.cellsInWorkbook)));
  }
  if (!hasWorkbook) refuse(zh.importNotXlsx);
}

const MERGE = /<mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"/g;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Merges exceljs would expand cell by cell, and more rows than a ledger has; returns the sheet's cells. */
function checkSheetXml(name: string, xml: string): number {
  let merges = 0;
  let cells = 0;
  for (const m of xml.matchAll(MERGE)) {
    merges++;
    const [, c1, r1, c2, r2] = m as unknown as [string, string, string, string, string];
    const height = Math.abs(Number(r2) - Number(r1)) + 1;
    const width = Math.abs(columnNumber(c2) - columnNumber(c1)) + 1;
    cells += height * width;
    if (merges > READ_LIMITS.merges || cells > READ_LIMITS.mergedCells)
      refuse(zh.importTooBigInside(zh.zipMerges(name)));
  }
  if (occurrences(xml, '<row') > READ_LIMITS.rowsPerSheet)
    refuse(zh.importTooBigInside(zh.zipRows(name, READ_LIMITS.rowsPerSheet)));
  return occurrences(xml, '<c ') + occurrences(xml, '<c>');
}

function occurrences(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n++;
  return n;
}
