import type { LedgerImportOutcome } from '../storage/ledger-import-input.ts';
import { UserError } from './core/errors.ts';
import { zh } from './text/zh.ts';
import type { LedgerImportRequest } from './workbook/import/ledger-import-request.ts';

/**
 * An import from the console (`npm run import`, directly or through the server's local socket) runs
 * in the ledger of the district its `as` account belongs to, which then checks that the account is
 * its admin; an account of no district is refused in the words a non-admin is, naming no district.
 */
export function importInOwnDistrict<District>(
  districtOf: (account: string) => District | null,
  importIn: (district: District, request: LedgerImportRequest) => Promise<LedgerImportOutcome>,
): (request: LedgerImportRequest) => Promise<LedgerImportOutcome> {
  return async (request) => {
    const own = districtOf(request.as);
    if (own === null) throw new UserError(zh.importNotAdmin(request.as));
    return importIn(own, request);
  };
}
