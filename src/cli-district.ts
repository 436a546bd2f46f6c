import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_STREAM } from '../storage/pg/pg-persistence.ts';
import { streamsWithData } from '../storage/pg/pg-streams.ts';
import type { Config } from './config.ts';
import { UserError } from './core/errors.ts';
import { type DeploymentPlan, districtStream, type LedgerPlace } from './tenancy/district-plan.ts';
import { zh } from './text/zh.ts';

/** The ledgers `--district` may name: the districts, and the city where a tool works on any ledger. */
function choices(plan: DeploymentPlan, city: boolean): LedgerPlace[] {
  return [...plan.districts, ...(city && plan.city ? [plan.city] : [])];
}

/** 「gaoxin（高新区）、jingkai（经开区）」: what an operator may write after `--district`. */
export function districtChoices(plan: DeploymentPlan, options: { city?: boolean } = {}): string {
  return zh.districtChoices(choices(plan, options.city ?? false));
}

/**
 * The ledger a tool's `--district` names, by code or by name; a name the deployment does not have is
 * refused, listing the right ones. A one-district deployment has no `--district`: written there, it
 * is refused rather than ignored.
 */
export function ledgerNamed(
  plan: DeploymentPlan,
  value: string,
  options: { city?: boolean } = {},
): LedgerPlace {
  if (!plan.city) throw new UserError(zh.districtFlagOneDistrict(value));
  const wanted = value.trim();
  const found = choices(plan, options.city ?? false).find((l) => l.id === wanted || l.name === wanted);
  if (!found) throw new UserError(zh.districtFlagUnknown(value, districtChoices(plan, options)));
  return found;
}

/**
 * The ledger a tool works on: a one-district deployment's only one, or the one `--district` names;
 * null for a many-district deployment when none is named (the tool decides what that means).
 */
export function namedLedger(
  plan: DeploymentPlan,
  value: string | undefined,
  options: { city?: boolean } = {},
): LedgerPlace | null {
  if (value !== undefined) return ledgerNamed(plan, value, options);
  return plan.city ? null : (plan.districts[0] ?? null);
}

/**
 * A many-district deployment on the embedded files keeps no ledger directly in the data directory:
 * one there is a one-district deployment's not yet moved into `districts/<code>/`. A tool that went
 * on would show or back up the empty districts and leave it out, so it stops and says so.
 */
export function refuseUnmovedLedger(
  config: Pick<Config, 'SAIMA_DISTRICTS' | 'SAIMA_DATABASE_URL'>,
  dataDir: string,
): void {
  if (!config.SAIMA_DISTRICTS || config.SAIMA_DATABASE_URL) return;
  if (existsSync(join(dataDir, 'saima.json')) || existsSync(join(dataDir, 'journal.jsonl')))
    throw new UserError(zh.districtsRootHoldsLedger(dataDir));
}

/**
 * `refuseUnmovedLedger` for the database too: with SAIMA_DISTRICTS set, a one-district deployment's
 * stream (`district`) while no configured district's stream holds anything is its ledger not yet
 * moved by migrate-store. One left behind after a move (a district's stream holds data) is only old.
 */
export async function refuseUnmoved(
  config: Pick<Config, 'SAIMA_DISTRICTS' | 'SAIMA_DATABASE_URL'>,
  dataDir: string,
): Promise<void> {
  refuseUnmovedLedger(config, dataDir);
  if (!config.SAIMA_DISTRICTS || !config.SAIMA_DATABASE_URL) return;
  const districts = config.SAIMA_DISTRICTS.map((d) => districtStream(d.id));
  const streams = await streamsWithData(config.SAIMA_DATABASE_URL, [DEFAULT_STREAM, ...districts]);
  const moved = districts.some((s) => streams.has(s));
  if (streams.has(DEFAULT_STREAM) && !moved) throw new UserError(zh.districtsStreamHoldsLedger);
}
