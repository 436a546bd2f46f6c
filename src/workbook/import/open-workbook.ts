import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { isUserError, UserError } from '../../core/errors.ts';
import { zh } from '../../text/zh.ts';
import { READ_LIMITS } from './read-limits.ts';
import { checkZip, sniffWorkbook } from './zip-guard.ts';

/** What exceljs would build that the import never reads; whole-column validations alone can be a million entries. */
const IGNORED_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'extLst',
  'hyperlinks',
  'drawing',
  'picture',
  'tableParts',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
];

export interface OpenedWorkbook {
  workbook: ExcelJS.Workbook;
  sha256: string;
}

/** The file's bytes, refused by its size before any is read. */
export async function readBounded(path: string): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // opening a named pipe would wait for a writer: look before opening
    if (!(await stat(path)).isFile()) throw new UserError(zh.importNotXlsx);
    handle = await open(path, 'r');
  } catch (e) {
    if (isUserError(e)) throw e;
    throw new UserError(zh.importFileMissing(path));
  }
  try {
    const info = await handle.stat();
    // a device or a pipe (/dev/zero) has no size to check: only a regular file is read
    if (!info.isFile()) throw new UserError(zh.importNotXlsx);
    if (info.size > READ_LIMITS.fileBytes)
      throw new UserError(
        zh.importFileTooLarge((info.size / 1024 / 1024).toFixed(1), READ_LIMITS.fileBytes / 1024 / 1024),
      );
    // exactly the bytes checked, even if the file grows meanwhile
    const bytes = Buffer.alloc(info.size);
    let done = 0;
    while (done < info.size) {
      const { bytesRead } = await handle.read(bytes, done, info.size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return bytes.subarray(0, done);
  } finally {
    await handle.close();
  }
}

/** A workbook from the file's bytes, or a Chinese refusal that says what is wrong with the file. */
export async function openWorkbook(bytes: Buffer): Promise<OpenedWorkbook> {
  if (bytes.length > READ_LIMITS.fileBytes)
    throw new UserError(
      zh.importFileTooLarge((bytes.length / 1024 / 1024).toFixed(1), READ_LIMITS.fileBytes / 1024 / 1024),
    );
  sniffWorkbook(bytes);
  checkZip(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes as unknown as ArrayBuffer,
      {
        ignoreNodes: IGNORED_NODES,
        maxRows: READ_LIMITS.rowsPerSheet,
        maxCols: READ_LIMITS.columnsPerRow,
      } as Parameters<typeof workbook.xlsx.load>[1],
    );
  } catch (e) {
    if (isUserError(e)) throw e;
    throw new UserError(zh.importCorrupt(e instanceof Error ? e.message : String(e)));
  }
  return { workbook, sha256: createHash('sha256').update(bytes).digest('hex') };
}
