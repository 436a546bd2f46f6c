import { relative, resolve } from 'node:path';
import dotenv from 'dotenv';
import { BackupError, backupDataDir, backupDataDirs } from '../storage/backup.ts';
import { readCommandLine } from './cli-argument-problem.ts';
import { namedLedger, refuseUnmovedLedger } from './cli-district.ts';
import { loadConfig } from './config.ts';
import { UserError } from './core/errors.ts';
import { deploymentPlan } from './tenancy/district-plan.ts';
import { zh } from './text/zh.ts';

const USAGE = zh.backupUsage;

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function readArgs() {
  return readCommandLine(
    {
      options: { district: { type: 'string' }, help: { type: 'boolean' } },
      allowPositionals: true,
    },
    {
      unknownFlag: zh.backupUnknownFlag,
      flagNeedsValue: zh.backupFlagNeedsValue,
      strayWord: zh.backupUnknownOption,
      unknownOption: zh.backupUnknownOption,
    },
  );
}

/**
 * `npm run backup -- <备份目录> [--district 区代码]`: a one-district deployment's data directory as
 * it always was; a many-district deployment's every district and the city, each in its own
 * subdirectory as in the data directory, or the one ledger `--district` names.
 */
async function main(): Promise<number> {
  const { values, positionals } = readArgs();
  if (values.help || positionals.length !== 1) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const target = positionals[0] as string;
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  if (config.SAIMA_DATABASE_URL) {
    process.stderr.write(`${zh.backupInDatabase}\n`);
    return 2;
  }
  const root = resolve(config.SAIMA_DATA_DIR);
  refuseUnmovedLedger(config, root);
  const plan = deploymentPlan(config, root);
  const place = namedLedger(plan, values.district, { city: true });
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  if (place) {
    const result = await backupDataDir(place.dataDir, target);
    for (const note of result.notes) process.stdout.write(`${zh.backupNote(note)}\n`);
    process.stdout.write(
      `${zh.backupDone(
        place.dataDir,
        result.dir,
        result.seq,
        megabytes(result.snapshotBytes),
        megabytes(result.journalBytes),
        seconds(),
      )}\n`,
    );
    return 0;
  }
  const ledgers = [...plan.districts, ...(plan.city ? [plan.city] : [])];
  const result = await backupDataDirs(
    root,
    ledgers.map((l) => relative(root, l.dataDir)),
    target,
  );
  for (const part of result.copied) {
    process.stdout.write(
      `${zh.backupPartDone(part.part, part.seq, megabytes(part.snapshotBytes), megabytes(part.journalBytes))}\n`,
    );
    for (const note of part.notes) process.stdout.write(`  ${zh.backupNote(note)}\n`);
  }
  for (const part of result.missing) process.stdout.write(`${zh.backupPartMissing(part)}\n`);
  process.stdout.write(`${zh.backupDeploymentDone(root, result.dir, result.copied.length, seconds())}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof BackupError || e instanceof Error ? e.message : String(e);
    process.stderr.write(`${zh.backupFailed(message)}\n`);
    process.exit(e instanceof UserError ? 2 : 1);
  },
);
