import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import dotenv from 'dotenv';
import { readCommandLine } from './cli-argument-problem.ts';
import { districtChoices, namedLedger, refuseUnmoved } from './cli-district.ts';
import { loadConfig } from './config.ts';
import { UserError } from './core/errors.ts';
import { exportDatabase, exportDataDir } from './ledger-export.ts';
import { deploymentPlan } from './tenancy/district-plan.ts';
import { zh } from './text/zh.ts';
import { localDate, systemClock } from './time/clock.ts';
import { exportPeriod } from './workbook/export/export-period.ts';

const USAGE = zh.exportUsage;

function readArgs() {
  return readCommandLine(
    {
      options: {
        out: { type: 'string', short: 'o' },
        year: { type: 'string' },
        'as-of': { type: 'string' },
        unit: { type: 'string' },
        district: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    },
    {
      unknownFlag: zh.exportUnknownFlag,
      flagNeedsValue: zh.exportFlagNeedsValue,
      strayWord: zh.exportStrayWord,
      unknownOption: zh.exportUnknownOption,
    },
  ).values;
}

/** `npm run export -- --out 台账.xlsx [--year 2023] [--as-of 2023-06-30] [--unit 单位名] [--district 区代码]` */
async function main(): Promise<number> {
  const values = readArgs();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.out) throw new UserError(`${zh.exportNeedsOut}\n${USAGE}`);
  if (!/\.xlsx$/i.test(values.out)) throw new UserError(zh.exportOutNotXlsx(values.out));
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  const today = localDate(config.SAIMA_NOW ?? systemClock.now());
  const { year, asOf } = exportPeriod(today, { year: values.year, asOf: values['as-of'] });
  const dataDir = resolve(config.SAIMA_DATA_DIR);
  await refuseUnmoved(config, dataDir);
  const plan = deploymentPlan(config, dataDir);
  const place = namedLedger(plan, values.district);
  if (!place) throw new UserError(zh.districtFlagNeeded(districtChoices(plan)));
  const out = resolve(values.out);
  if (!existsSync(dirname(out))) throw new UserError(zh.exportOutDirMissing(dirname(out)));
  const started = Date.now();
  const exportFrom = config.SAIMA_DATABASE_URL
    ? (options: Parameters<typeof exportDataDir>[1]) =>
        exportDatabase(config.SAIMA_DATABASE_URL as string, options, place.stream)
    : (options: Parameters<typeof exportDataDir>[1]) => exportDataDir(place.dataDir, options);
  const { bytes, counts } = await exportFrom((store) => {
    let unitId: string | null = null;
    if (values.unit !== undefined) {
      const unit = store.unitByName(values.unit.trim());
      if (!unit) throw new UserError(zh.exportUnknownUnit(values.unit));
      unitId = unit.id;
    }
    return { year, asOf, unitId, districtName: place.name };
  });
  // a half-written file must never sit under the name asked for
  const partial = `${out}.partial-${process.pid}`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${zh.exportDone(out, counts.projects, counts.instalments, counts.trips, counts.changes, seconds)}\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`${zh.exportFailed(message)}\n`);
    process.exit(e instanceof UserError ? 2 : 1);
  },
);
