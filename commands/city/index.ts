import type { DistrictLedger } from '../../src/city/district-ledger.ts';
import type { CommandSpec } from '../../src/core/command.ts';
import changeSetting from '../change-setting.ts';
import help from '../help.ts';
import showSettings from '../show-settings.ts';
import { citySummaries } from './city-summary.ts';
import { districtRanking } from './district-ranking.ts';
import { citySetTarget } from './set-target.ts';

/** The city bot's actors are the city's admins: every command of it asks for that role. */
function forCityAdmins(spec: CommandSpec, more: Partial<CommandSpec> = {}): CommandSpec {
  return { ...spec, ...more, access: 'admin' };
}

/** Every command of the city's bot, in the order `帮助` lists them. */
export function cityCommands(districts: () => ReadonlyArray<DistrictLedger>): CommandSpec[] {
  return [
    districtRanking(districts),
    ...citySummaries(districts),
    forCityAdmins(showSettings),
    forCityAdmins(help, { examples: ['帮助', '帮助 区县晾晒'] }),
    citySetTarget(districts),
    forCityAdmins(changeSetting),
  ];
}

/** Spec ids that exist only at city level (the router sends these to the city bot even from a district chat). */
export const CITY_ONLY: ReadonlySet<string> = new Set(['district-ranking', 'city-summary']);
