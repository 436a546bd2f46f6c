import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import dotenv from 'dotenv';
import type { LedgerImportOutcome } from '../storage/ledger-import-input.ts';
import { refuseUnmoved } from './cli-district.ts';
import { type Config, loadConfig } from './config.ts';
import { type ConsoleLedger, type ConsoleLedgers, openConsoleLedgers } from './console-ledgers.ts';
import { isUserError } from './core/errors.ts';
import { jsonLogger } from './core/logger.ts';
import { importInOwnDistrict } from './district-import.ts';
import { localSocketPath } from './server/local-socket.ts';
import { postToLocalBot } from './server/local-socket-client.ts';
import { deploymentPlan } from './tenancy/district-plan.ts';
import { zh } from './text/zh.ts';
import { frozenClock, systemClock } from './time/clock.ts';
import { importReport } from './workbook/import/import-report.ts';
import type { LedgerImportRequest } from './workbook/import/ledger-import-request.ts';
import { readBounded } from './workbook/import/open-workbook.ts';
import { readLedgerWorkbook } from './workbook/import/read-ledger-workbook.ts';
import { PROGRESS_BAR_ROWS } from './workbook/import/read-limits.ts';
import { runLedgerImport } from './workbook/import/run-ledger-import.ts';

type Answer = { outcome: LedgerImportOutcome } | { refusal: string };

/**
 * Opens the deployment's district ledgers itself, as `npm run chat` does when no bot is running, and
 * imports into the one the account belongs to (a one-district deployment: its only ledger, as before).
 */
async function direct(config: Config, dataDir: string, body: LedgerImportRequest): Promise<Answer> {
  let opened: ConsoleLedgers | null = null;
  try {
    await refuseUnmoved(config, dataDir);
    const plan = deploymentPlan(config, dataDir);
    const clock = config.SAIMA_NOW ? frozenClock(config.SAIMA_NOW) : systemClock;
    const ledgers = await openConsoleLedgers(config, plan, { clock, logger: jsonLogger() });
    opened = ledgers;
    const only = plan.city ? null : (ledgers.districts[0] ?? null);
    const run = importInOwnDistrict(
      (account) => only ?? ledgers.districtOf(account),
      (own: ConsoleLedger, request) =>
        runLedgerImport({ store: own.store, admins: new Set(own.place.admins), clock }, request),
    );
    return { outcome: await run(body) };
  } catch (e) {
    if (isUserError(e)) return { refusal: e.message };
    throw e;
  } finally {
    await opened?.close();
  }
}

/** A bar on the terminal for a ledger of more than a few hundred rows; nothing otherwise. */
function progress(): { onRow: (done: number, total: number) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | null = null;
  return {
    onRow: (done, total) => {
      if (total <= PROGRESS_BAR_ROWS) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            format: `${zh.importReading} [{bar}] {value}/{total} 行`,
            stream: process.stderr,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      if (done % 100 === 0 || done === total) bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      as: { type: 'string' },
      sheet: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (values.help || !values.as || !file || positionals.length > 1) {
    process.stdout.write(`${zh.importUsage}\n`);
    return values.help ? 0 : 2;
  }
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  const dataDir = resolve(config.SAIMA_DATA_DIR);
  const bytes = await readBounded(file);
  const bar = progress();
  const read = await readLedgerWorkbook(bytes, basename(file), {
    sheet: values.sheet,
    onRow: bar.onRow,
  }).finally(() => bar.stop());
  const body: LedgerImportRequest = { as: values.as, dryRun: values['dry-run'] ?? false, input: read.input };
  const socket = localSocketPath(dataDir);
  const answer =
    (existsSync(socket) ? await postToLocalBot<Answer>(socket, '/import', body) : null) ??
    (await direct(config, dataDir, body));
  if ('refusal' in answer) {
    process.stderr.write(`${answer.refusal}\n`);
    return 1;
  }
  const lines = importReport(answer.outcome, read, read.input.fileName, body.dryRun);
  const out = answer.outcome.kind === 'refused' ? process.stderr : process.stdout;
  out.write(`${lines.join('\n')}\n`);
  return answer.outcome.kind === 'refused' ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // a refusal is said as it is; anything else by its message, never a stack trace
    process.stderr.write(
      `${isUserError(e) ? e.message : zh.importFailed(e instanceof Error ? e.message : String(e))}\n`,
    );
    process.exit(1);
  },
);
