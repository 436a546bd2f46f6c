import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { BackupError, backupDataDir } from '../storage/backup.ts';
import { loadConfig } from './config.ts';
import { zh } from './text/zh.ts';

const USAGE = zh.backupUsage;

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help || positionals.length !== 1) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  if (config.SAIMA_DATABASE_URL) {
    process.stderr.write(`${zh.backupInDatabase}\n`);
    return 2;
  }
  const dataDir = resolve(config.SAIMA_DATA_DIR);
  const started = Date.now();
  const result = await backupDataDir(dataDir, positionals[0] as string);
  for (const note of result.notes) process.stdout.write(`${zh.backupNote(note)}\n`);
  process.stdout.write(
    `${zh.backupDone(
      dataDir,
      result.dir,
      result.seq,
      megabytes(result.snapshotBytes),
      megabytes(result.journalBytes),
      ((Date.now() - started) / 1000).toFixed(1),
    )}\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof BackupError || e instanceof Error ? e.message : String(e);
    process.stderr.write(`${zh.backupFailed(message)}\n`);
    process.exit(1);
  },
);
