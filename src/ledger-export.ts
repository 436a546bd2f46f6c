import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../commands/index.ts';
import { backupDataDir } from '../storage/backup.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import { PgPersistence } from '../storage/pg/pg-persistence.ts';
import { Store } from '../storage/store.ts';
import { commandName, type LedgerDesk, type LedgerRequest } from './core/command.ts';
import type { Download, DownloadShelf } from './server/download-shelf.ts';
import { zh } from './text/zh.ts';
import {
  type AuditSource,
  type LedgerCounts,
  type LedgerExportOptions,
  ledgerWorkbookBytes,
} from './workbook/export/ledger-workbook.ts';

const NAMES = new Map(commands.map((spec) => [spec.id, commandName(spec)]));

/** How the 变更记录 names a change: the command's Chinese name, or its id for changes made outside chat. */
export function commandNameOf(id: string): string {
  return NAMES.get(id) ?? id;
}

/** Where the 变更记录 is read from: the store's journal (`Persistence.records`), read anew for each export. */
export type History = () => AuditSource;

/** The 台账 of an open store, with the 变更记录 read from its journal when `history` is given. */
export function exportOpenStore(
  store: Store,
  history: History | null,
  options: LedgerExportOptions,
): Promise<{ bytes: Buffer; counts: LedgerCounts }> {
  return ledgerWorkbookBytes({
    store,
    options,
    audit: history ? history() : null,
    commandName: commandNameOf,
  });
}

/**
 * The 台账 of a data directory, whether or not a server is running on it: a backup-style copy (the
 * journal first, then the snapshot; storage/backup.ts) is opened and read, so the export never
 * takes the directory's lock, never rewrites its snapshot and never makes a running server's
 * members wait while the workbook is built.
 */
export async function exportDataDir(
  dataDir: string,
  options: (store: Store) => LedgerExportOptions,
): Promise<{ bytes: Buffer; counts: LedgerCounts }> {
  const work = mkdtempSync(join(tmpdir(), 'saima-export-'));
  try {
    const copy = join(work, 'data');
    await backupDataDir(dataDir, copy);
    const persistence = new FilePersistence(copy);
    const store = await Store.open(persistence);
    try {
      return await exportOpenStore(store, () => persistence.records(), options(store));
    } finally {
      await store.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The 台账 of a district kept in PostgreSQL (on its own journal stream in a many-district
 * deployment): opened like another instance would, read, closed. A read writes nothing, so running
 * servers go on undisturbed.
 */
export async function exportDatabase(
  url: string,
  options: (store: Store) => LedgerExportOptions,
  stream?: string,
): Promise<{ bytes: Buffer; counts: LedgerCounts }> {
  const persistence = new PgPersistence({ url, stream });
  const store = await Store.open(persistence);
  try {
    return await exportOpenStore(store, () => persistence.records(), options(store));
  } finally {
    await store.close();
  }
}

/** How long a 导出台账 link works. */
export const LINK_MINUTES = 10;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The 台账 as a file for one request (a member's: their unit's rows), built from the live store now. */
export async function ledgerFile(
  store: Store,
  history: History | null,
  districtName: string | null,
  request: Omit<LedgerRequest, 'account'>,
): Promise<Download> {
  const unit = request.unitId ? (store.unit(request.unitId)?.name ?? request.unitId) : null;
  const filename = zh.exportFilename(request.year, request.asOf, unit);
  const options = { year: request.year, asOf: request.asOf, unitId: request.unitId, districtName };
  return { bytes: (await exportOpenStore(store, history, options)).bytes, filename, type: XLSX_TYPE };
}

/** 导出台账 in the server: each link builds the workbook from the live store when it is downloaded. */
export function ledgerDesk(
  shelf: DownloadShelf,
  store: Store,
  history: History | null,
  districtName: string | null,
  /** Whether the member who asked for the link may still have this file when they use it. */
  entitled: (request: LedgerRequest) => boolean = () => true,
): LedgerDesk {
  return {
    minutes: LINK_MINUTES,
    offer(request) {
      const unit = request.unitId ? (store.unit(request.unitId)?.name ?? request.unitId) : null;
      const filename = zh.exportFilename(request.year, request.asOf, unit);
      return shelf.put(
        filename,
        async () => (entitled(request) ? ledgerFile(store, history, districtName, request) : null),
        LINK_MINUTES * 60_000,
      );
    },
  };
}
