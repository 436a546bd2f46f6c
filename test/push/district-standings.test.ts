import { describe, expect, it } from 'vitest';
import { buildDemoDistrict } from '../../src/demo/build-demo-district.ts';
import { PUSH_NAMES } from '../../src/domain/push-kinds.ts';
import { DistrictStandings } from '../../src/push/district-standings.ts';
import { pushContent } from '../../src/push/push-content.ts';
import { reportWindowStart } from '../../src/push/report-period.ts';
import { raceView } from '../../src/race/race-context.ts';
import { rankUnits } from '../../src/race/ranking.ts';
import type { PushKind, Scope } from '../../storage/schema.ts';
import { isActiveMember } from '../../storage/store.ts';
import { openTestStore } from '../helpers/test-store.ts';

async function demo(now: string) {
  const store = await openTestStore();
  buildDemoDistrict(store, new Date(now));
  return store;
}

describe('one run’s standings, shared by every group', () => {
  it('give every group of every kind exactly what it gets computed on its own', async () => {
    const store = await demo('2026-11-29T10:00:00+08:00');
    const view = raceView(store, new Date('2026-12-01T09:00:00+08:00'));
    const scopes: Scope[] = [
      { kind: 'district' },
      ...store.units().map((u): Scope => ({ kind: 'unit', unitId: u.id })),
      ...store.chains().map((c): Scope => ({ kind: 'chain', chain: c.name })),
    ];
    for (const kind of Object.keys(PUSH_NAMES) as PushKind[]) {
      const shared = new DistrictStandings(view);
      for (const scope of scopes) {
        expect(pushContent(kind, view, scope, shared)).toEqual(pushContent(kind, view, scope));
      }
    }
  });

  it('rank each unit as the district ranking does, and name the silent members one by one would', async () => {
    const store = await demo('2026-11-29T10:00:00+08:00');
    const view = raceView(store, new Date('2026-12-01T09:00:00+08:00'));
    const standings = new DistrictStandings(view);
    const ranking = rankUnits(store, '2026-11-30', view.settings);
    for (const s of ranking.standings) expect(standings.standing(s.unit.id, '2026-11-30')).toEqual(s);
    const from = reportWindowStart('cutOff', view.today);
    const projects = store.projects();
    const trips = store.trips();
    const wrote = (account: string) =>
      trips.some((t) => t.by === account && t.at.slice(0, 10) >= from) ||
      projects.some(
        (p) =>
          (p.createdBy === account && p.createdAt.slice(0, 10) >= from) ||
          p.notes.some((n) => n.by === account && n.date >= from) ||
          p.instalments.some((f) => f.by === account && f.at.slice(0, 10) >= from) ||
          p.problems.some(
            (x) =>
              (x.by === account && x.at.slice(0, 10) >= from) ||
              (x.solved?.by === account && x.solved.date >= from),
          ),
      );
    let silentSomewhere = 0;
    for (const unit of store.units()) {
      const expected = store
        .members()
        .filter((m) => m.unitId === unit.id && m.role === 'member' && isActiveMember(m))
        .filter((m) => !(m.noProgressOn && m.noProgressOn >= from) && !wrote(m.account))
        .map((m) => ({ account: m.account, name: m.name }));
      silentSomewhere += expected.length;
      expect(standings.silentMembers(unit.id, from)).toEqual(expected);
    }
    expect(silentSomewhere).toBeGreaterThan(0);
    // and some did report, so both answers are exercised
    const members = store.members().filter((m) => m.role === 'member' && isActiveMember(m) && m.unitId);
    expect(silentSomewhere).toBeLessThan(members.length);
  });
});
