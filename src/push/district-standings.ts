import type { Member } from '../../storage/schema.ts';
import type { RaceView } from '../race/race-context.ts';
import { type Ranking, rankUnits, type Standing } from '../race/ranking.ts';
import type { LocalDate } from '../time/clock.ts';
import { type Person, silentMembers, storeReporters, unitLeaders } from './report-period.ts';

/**
 * What every group's push in one run is derived from: the units' ranking as of each date the run
 * looks at, and who has reported since a date. Each is computed once, the first time a group needs
 * it, and shared by every group after: a unit group used to rank the whole district for its own line.
 */
export class DistrictStandings {
  private readonly rankings = new Map<LocalDate, { ranking: Ranking; byUnit: Map<string, Standing> }>();
  private readonly reporters = new Map<LocalDate, ReadonlySet<string>>();
  private roster: Member[] | null = null;

  constructor(private readonly view: RaceView) {}

  ranking(asOf: LocalDate): Ranking {
    return this.rankingAsOf(asOf).ranking;
  }

  /** One unit's standing in the district's ranking as of `asOf`. */
  standing(unitId: string, asOf: LocalDate): Standing | undefined {
    return this.rankingAsOf(asOf).byUnit.get(unitId);
  }

  /** The unit's active members who have reported nothing since `from`, in roster order. */
  silentMembers(unitId: string, from: LocalDate): Person[] {
    return silentMembers(this.members(), unitId, from, this.reportersSince(from));
  }

  /** Every account that reported something since `from`. */
  reportersSince(from: LocalDate): ReadonlySet<string> {
    let reporters = this.reporters.get(from);
    if (!reporters) {
      reporters = storeReporters(this.view.store, from);
      this.reporters.set(from, reporters);
    }
    return reporters;
  }

  unitLeaders(unitId: string): Person[] {
    return unitLeaders(this.members(), unitId);
  }

  private members(): Member[] {
    this.roster ??= this.view.store.members();
    return this.roster;
  }

  private rankingAsOf(asOf: LocalDate) {
    let known = this.rankings.get(asOf);
    if (!known) {
      const ranking = rankUnits(this.view.store, asOf, this.view.settings);
      known = { ranking, byUnit: new Map(ranking.standings.map((s) => [s.unit.id, s])) };
      this.rankings.set(asOf, known);
    }
    return known;
  }
}
