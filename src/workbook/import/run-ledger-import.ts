import { durably } from '../../../storage/durably.ts';
import type { LedgerImportInput, LedgerImportOutcome } from '../../../storage/ledger-import-input.ts';
import { isActiveMember, type Store } from '../../../storage/store.ts';
import { UserError } from '../../core/errors.ts';
import { zh } from '../../text/zh.ts';
import type { Clock } from '../../time/clock.ts';

export interface ImportDeps {
  store: Store;
  /** Accounts that are admins by SAIMA_ADMINS, as the process that writes knows them. */
  admins: ReadonlySet<string>;
  clock: Clock;
}

/**
 * The import as the process holding the data directory runs it, for the console and the local
 * socket and the web alike: only an admin may import; the outcome is returned once what it wrote is
 * on disk (committed).
 */
export async function runLedgerImport(
  deps: ImportDeps,
  request: { as: string; input: LedgerImportInput; dryRun: boolean },
): Promise<LedgerImportOutcome> {
  const member = deps.store.memberByAccount(request.as);
  const active = member && isActiveMember(member) ? member : null;
  if (!deps.admins.has(request.as) && active?.role !== 'admin')
    throw new UserError(zh.importNotAdmin(request.as));
  // checked and written again on the ledger as it now is when another instance committed first;
  // a dry run or a refusal writes nothing and waits for nothing
  return durably(deps.store, () =>
    deps.store.importLedger(
      { actor: request.as, command: 'import-ledger', at: deps.clock.now() },
      request.input,
      { dryRun: request.dryRun },
    ),
  );
}
