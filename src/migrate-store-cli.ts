import dotenv from 'dotenv';
import { MigrationRefusedError } from '../storage/store-migration.ts';
import { readCommandLine } from './cli-argument-problem.ts';
import { districtChoices, ledgerNamed } from './cli-district.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { UserError } from './core/errors.ts';
import { MigrationMismatchError, migrateStore, type StoreKind } from './migrate-store.ts';
import { deploymentPlan } from './tenancy/district-plan.ts';
import { zh } from './text/zh.ts';
import { localDate, systemClock } from './time/clock.ts';

const DEFAULT_STREAM = 'district';

function readArgs() {
  return readCommandLine(
    {
      options: {
        to: { type: 'string' },
        stream: { type: 'string' },
        district: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    },
    {
      unknownFlag: zh.migrateUnknownFlag,
      flagNeedsValue: zh.migrateFlagNeedsValue,
      strayWord: zh.migrateStrayWord,
      unknownOption: zh.migrateUnknownOption,
    },
  ).values;
}

function targetOf(value: string | undefined): StoreKind {
  if (value === undefined) throw new UserError(`${zh.migrateNeedsTo}\n${zh.migrateUsage}`);
  if (value !== 'postgres' && value !== 'files') throw new UserError(zh.migrateBadTo(value));
  return value;
}

function streamOf(value: string | undefined): string {
  if (value === undefined) return DEFAULT_STREAM;
  const name = value.trim();
  if (name.length === 0 || [...name].length > 100) throw new UserError(zh.migrateBadStream(value));
  return name;
}

/**
 * Which ledger moves: SAIMA_DATA_DIR and `--stream` as written, or in a many-district deployment the
 * directory and stream the deployment gives the district `--district` names, so neither can be
 * mistyped. A many-district deployment's data directory is no ledger itself: there one of the two
 * must be written.
 */
function ledgerOf(
  config: Config,
  values: { stream?: string; district?: string },
): { dataDir: string; stream: string } {
  const plan = deploymentPlan(config, config.SAIMA_DATA_DIR);
  if (values.district !== undefined) {
    if (values.stream !== undefined) throw new UserError(zh.migrateDistrictAndStream);
    const place = ledgerNamed(plan, values.district, { city: true });
    return { dataDir: place.dataDir, stream: place.stream };
  }
  if (plan.city && values.stream === undefined)
    throw new UserError(zh.migrateNeedsDistrict(districtChoices(plan, { city: true })));
  return { dataDir: config.SAIMA_DATA_DIR, stream: streamOf(values.stream) };
}

/** Whatever is printed, the database password is not: a driver's message may quote the URL. */
function withoutSecret(text: string, url: string | null): string {
  if (!url) return text;
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    return text.split(url).join('postgres://(…)');
  }
  if (!password) return text;
  let out = text;
  for (const form of new Set([password, decodeURIComponent(password)])) out = out.split(form).join('***');
  return out;
}

let databaseUrl: string | null = null;

/** `npm run migrate-store -- --to postgres|files [--stream 名称 | --district 区代码]` */
async function main(): Promise<number> {
  const values = readArgs();
  if (values.help) {
    process.stdout.write(`${zh.migrateUsage}\n`);
    return 0;
  }
  const to = targetOf(values.to);
  dotenv.config({ quiet: true });
  databaseUrl = process.env.SAIMA_DATABASE_URL ?? null;
  const config = loadConfig(process.env);
  databaseUrl = config.SAIMA_DATABASE_URL;
  const { dataDir, stream } = ledgerOf(config, values);
  const report = await migrateStore({
    to,
    dataDir,
    databaseUrl,
    stream,
    today: localDate(config.SAIMA_NOW ?? systemClock.now()),
    progress: (line) => process.stdout.write(`${withoutSecret(line, databaseUrl)}\n`),
  });
  const summary = zh.migrateDone({ ...report, seconds: (report.ms / 1000).toFixed(1) });
  const next =
    values.district === undefined
      ? to === 'postgres'
        ? zh.migrateNextPostgres
        : zh.migrateNextFiles
      : to === 'postgres'
        ? zh.migrateNextDistrictPostgres(stream)
        : zh.migrateNextDistrictFiles(stream);
  process.stdout.write(`${withoutSecret(`${summary}\n${next}`, databaseUrl)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    const refused = e instanceof UserError || e instanceof MigrationRefusedError || e instanceof ConfigError;
    const text = refused
      ? zh.migrateRefused(message)
      : e instanceof MigrationMismatchError
        ? message
        : zh.migrateFailed(message);
    process.stderr.write(`${withoutSecret(text, databaseUrl)}\n`);
    process.exit(refused ? 2 : e instanceof MigrationMismatchError ? 3 : 1);
  },
);
