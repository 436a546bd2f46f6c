import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freeze } from '../../storage/frozen.ts';
import type { Tx } from '../../storage/ledger.ts';
import type { Project } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import { openTestStore } from '../helpers/test-store.ts';

const meta = (n: number) => ({
  actor: 'admin',
  command: 'test',
  at: new Date(Date.UTC(2023, 5, 1, 0, 0, n)),
});

async function storeWithProject() {
  const store = await openTestStore();
  const unit = store.addUnit(meta(1), { name: '工业园区管委会', type: '园区' });
  store.upsertMember(meta(2), { name: '李四', account: 'lisi', unitId: unit.id, role: 'member' });
  const project = store.registerNegotiation(meta(3), {
    name: '再生铝项目',
    unitId: unit.id,
    date: '2023-05-01',
    note: '首次洽谈',
  });
  return { store, unit, project };
}

/** The ledger behind a store, to stage a change by hand as a verb would. */
const ledgerOf = (store: Store) =>
  (store as unknown as { ledger: { commit<T>(meta: object, fn: (tx: Tx) => T): T } }).ledger;

function found(store: Store, ref: string): Project {
  const m = store.resolveProject(ref);
  if (m.kind !== 'one') throw new Error(`expected one project for ${ref}, got ${m.kind}`);
  return m.project as Project;
}

describe('reads that hand out the ledger’s own records', () => {
  it('hand a project out frozen: changing it throws and the ledger keeps what it had', async () => {
    const { store, project } = await storeWithProject();
    const handed = found(store, '再生铝');
    expect(() => {
      handed.name = '别的项目';
    }).toThrow(TypeError);
    expect(() => handed.notes.push({ at: 'x', date: '2023-05-02', text: '假进展', by: 'x' })).toThrow(
      TypeError,
    );
    expect(() => {
      (handed.notes[0] as Project['notes'][number]).text = '改过的进展';
    }).toThrow(TypeError);
    expect(store.project(project.id)?.name).toBe('再生铝项目');
    expect(store.project(project.id)?.notes.map((n) => n.text)).toEqual(['首次洽谈']);
  });

  it('still see each change: a note added after a read is in the next read, the earlier one is unchanged', async () => {
    const { store, project } = await storeWithProject();
    const before = found(store, project.id);
    store.addProgressNote(meta(4), project.id, '签约前尽调');
    const after = found(store, project.id);
    expect(before.notes.map((n) => n.text)).toEqual(['首次洽谈']);
    expect(after.notes.map((n) => n.text)).toEqual(['首次洽谈', '签约前尽调']);
    expect(Object.isFrozen(after.notes.at(-1))).toBe(true);
  });

  it('leave a change free to edit its own copy of a record it was handed frozen', async () => {
    const { store, project } = await storeWithProject();
    found(store, project.id);
    store.updateProject(meta(4), project.id, { name: '再生铝二期项目' });
    expect(found(store, project.id).name).toBe('再生铝二期项目');
  });

  it('hand out the sender and their unit frozen too', async () => {
    const { store, unit } = await storeWithProject();
    const member = store.memberByAccount('lisi');
    const ownUnit = store.unit(unit.id);
    expect(() => {
      (member as { name: string }).name = '王五';
    }).toThrow(TypeError);
    expect(() => {
      (ownUnit as { name: string }).name = '别的单位';
    }).toThrow(TypeError);
    expect(store.memberByAccount('lisi')?.name).toBe('李四');
    expect(store.unit(unit.id)?.name).toBe('工业园区管委会');
    store.upsertMember(meta(4), { name: '李四', account: 'lisi', unitId: unit.id, role: 'leader' });
    expect(store.memberByAccount('lisi')?.role).toBe('leader');
  });
});

const CLOSES_OBJECTS =
  /\b(?:Object|Reflect)\s*(?:\.|\[\s*['"`])\s*(?:freeze|seal|preventExtensions)\b|\breadonly\s*\(|\{\s*(?:freeze|seal|preventExtensions)\b[^}]*\}\s*=\s*Object\b/;

/** Every object in the ledger that is frozen while something it holds is not: a shallow freeze. */
function shallowFreezes(value: unknown, path = 'doc', seen = new Set<object>()): string[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const found: string[] = [];
  for (const [key, part] of Object.entries(value)) {
    if (Object.isFrozen(value) && typeof part === 'object' && part !== null && !Object.isFrozen(part))
      found.push(`${path}.${key}`);
    found.push(...shallowFreezes(part, `${path}.${key}`, seen));
  }
  return found;
}

describe('what freeze trusts', () => {
  // the scan below looks at the code; this looks at the data, whatever froze it
  it('leaves no frozen record in the ledger holding a part that is not frozen, after reads, writes and an undo', async () => {
    const { store, unit, project } = await storeWithProject();
    store.setChain(meta(4), { name: '铝产业', headName: null, leadUnitId: unit.id, memberUnitIds: [] });
    store.addProgressNote(meta(5), project.id, '完成可研');
    found(store, project.id);
    found(store, '再生铝');
    store.chains();
    store.memberByAccount('lisi');
    store.unit(unit.id);
    store.storedSettings();
    store.updateProject(meta(6), project.id, { name: '再生铝二期项目' });
    found(store, '再生铝二期项目');
    store.undoLast({ ...meta(7), actor: 'admin' }, 24 * 3600_000);
    found(store, project.id);
    store.chains();
    const ledger = (store as unknown as { ledger: { read<T>(fn: (d: unknown) => T): T } }).ledger;
    expect(ledger.read((d) => shallowFreezes(d))).toEqual([]);
  });

  it('hands out the chains frozen, and a later change of a chain shows in the next read', async () => {
    const { store, unit } = await storeWithProject();
    store.setChain(meta(4), { name: '铝产业', headName: null, leadUnitId: unit.id, memberUnitIds: [] });
    const [chain] = store.chains();
    if (!chain) throw new Error('the chain was not stored');
    expect(() => {
      (chain as { leadUnitId: string | null }).leadUnitId = null;
    }).toThrow(TypeError);
    expect(() => {
      (chain.memberUnitIds as string[]).push('U999');
    }).toThrow(TypeError);
    store.setChain(meta(5), { name: '铝产业', headName: null, leadUnitId: null, memberUnitIds: [unit.id] });
    expect(store.chains()[0]?.memberUnitIds).toEqual([unit.id]);
  });

  it('freezes what a frozen record is placed in, down to every part it holds', () => {
    const record = freeze({ name: '再生铝项目', notes: [{ text: '首次洽谈' }] });
    const wrapper = freeze({ kind: 'one', project: record, also: [{ fresh: true }] });
    expect(Object.isFrozen(wrapper.also[0])).toBe(true);
    expect(Object.isFrozen(wrapper.project.notes[0])).toBe(true);
  });

  // freeze takes a frozen object as frozen all the way down: nothing else may freeze, seal or
  // close an object (zod's .readonly() included), or a read could hand out a shallowly frozen
  // record with live parts
  it('is the only code that freezes, seals or closes objects', () => {
    const root = join(import.meta.dirname, '../..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|mts|js|mjs)$/.test(entry.name) && path !== join('storage', 'frozen.ts')) {
          const text = readFileSync(join(root, path), 'utf8');
          // also as Reflect or Object['freeze'], and zod's readonly (method or function), which
          // freezes what it parses one level deep
          if (CLOSES_OBJECTS.test(text)) offenders.push(path);
        }
      }
    };
    for (const dir of ['src', 'storage', 'commands', 'scripts']) walk(dir);
    expect(offenders).toEqual([]);
  });
});

describe('a change edits its own copy of a project, sharing only the notes', () => {
  it('hands the change the stored notes themselves, frozen; everything else is its own to change', async () => {
    const { store, project } = await storeWithProject();
    store.addProgressNote(meta(4), project.id, '完成可研');
    const stored = found(store, project.id);
    let seen: Project | undefined;
    expect(() =>
      ledgerOf(store).commit({ ...meta(5), actor: 'admin', command: 'test' }, (tx) => {
        const copy = tx.get('projects', project.id) as Project;
        seen = copy;
        copy.notes.push({
          at: '2023-06-01T08:00:05.000+08:00',
          date: '2023-06-01',
          text: '又一条',
          by: 'admin',
        });
        copy.stageHistory.push({ stage: '签约', date: '2023-06-01' });
        (copy.notes[0] as { text: string }).text = '改写历史';
      }),
    ).toThrow(TypeError);
    // the notes are the ledger's own, not copies; the arrays and the rest are the change's
    expect(seen?.notes[0]).toBe(stored.notes[0]);
    expect(seen?.notes).not.toBe(stored.notes);
    expect(found(store, project.id).notes.map((n) => n.text)).toEqual(['首次洽谈', '完成可研']);
    expect(found(store, project.id).stageHistory).toEqual(stored.stageHistory);
  });

  it('keeps a put project apart from the object the change goes on holding', async () => {
    const { store, project } = await storeWithProject();
    ledgerOf(store).commit({ ...meta(4), actor: 'admin', command: 'test' }, (tx) => {
      const copy = tx.get('projects', project.id) as Project;
      copy.investor = '某集团';
      tx.put('projects', copy);
      copy.investor = '放进去之后才改的';
      copy.notes.push({
        at: '2023-06-01T08:00:04.000+08:00',
        date: '2023-06-01',
        text: '之后才加的',
        by: 'admin',
      });
    });
    expect(found(store, project.id).investor).toBe('某集团');
    expect(found(store, project.id).notes.map((n) => n.text)).toEqual(['首次洽谈']);
  });
});

describe('a change adding to a long history', () => {
  it('refuses a project put without its notes as invalid, writing nothing', async () => {
    const { store, project } = await storeWithProject();
    const seq = store.seq;
    expect(() =>
      ledgerOf(store).commit({ ...meta(5), actor: 'admin', command: 'test' }, (tx) => {
        const { notes: _notes, ...rest } = tx.get('projects', project.id) as Project;
        tx.put('projects', rest as Project);
      }),
    ).toThrow(/invalid projects/);
    expect(store.seq).toBe(seq);
  });

  it('still has every note it adds checked before anything is written', async () => {
    const { store, project } = await storeWithProject();
    store.addProgressNote(meta(4), project.id, '完成可研');
    const seq = store.seq;
    expect(() =>
      ledgerOf(store).commit({ ...meta(5), actor: 'admin', command: 'test' }, (tx) => {
        const copy = tx.get('projects', project.id) as Project;
        copy.notes.push({
          at: 'not a time',
          date: 'someday',
          text: 42,
          by: 'admin',
        } as unknown as Project['notes'][number]);
        tx.put('projects', copy);
      }),
    ).toThrow(/invalid projects/);
    expect(store.seq).toBe(seq);
    expect(found(store, project.id).notes.map((n) => n.text)).toEqual(['首次洽谈', '完成可研']);
  });
});
