import { describe, expect, it } from 'vitest';
import { HeroBoard } from '../../storage/hero-board.ts';
import { Members } from '../../storage/members.ts';
import { Organisation } from '../../storage/organisation.ts';
import { Outbox } from '../../storage/outbox.ts';
import { Projects } from '../../storage/projects.ts';
import { Trips } from '../../storage/trips.ts';
import { Undo } from '../../storage/undo.ts';
import { openTestStore } from '../helpers/test-store.ts';

const meta = (n: number) => ({
  actor: 'admin',
  command: 'test',
  at: new Date(Date.UTC(2023, 5, 1, 0, 0, n)),
});

describe('the store is its parts put together', () => {
  it('answers every verb of every part, as that part defines it', async () => {
    const store = await openTestStore();
    for (const part of [Projects, Members, Organisation, Trips, Outbox, HeroBoard, Undo]) {
      for (const verb of Object.getOwnPropertyNames(part.prototype).filter((n) => n !== 'constructor')) {
        expect(Reflect.get(store, verb), `${part.name}.${verb}`).toBe(Reflect.get(part.prototype, verb));
      }
    }
  });

  it('keeps one journal for all its parts: 撤销 takes back a project written after a unit', async () => {
    const store = await openTestStore();
    const unit = store.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
    const project = store.registerNegotiation(meta(2), {
      name: '再生铝项目',
      unitId: unit.id,
      date: '2023-05-01',
    });
    expect(store.undoLast(meta(3), 60_000)).toEqual({ summary: `登记在谈 ${project.id} 再生铝项目` });
    expect(store.project(project.id)).toBeNull();
    expect(store.unit(unit.id)?.name).toBe('工业园区管委会');
  });
});
