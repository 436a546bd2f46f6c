import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/command.ts';
import { lookupFor } from '../../src/core/lookup.ts';
import { changeableBy, type Visible, visibleTo } from '../../src/domain/visibility.ts';
import { projectNameKnown } from '../../src/reader/known-projects.ts';
import {
  chainIn,
  knownProjectIn,
  type ProjectMention,
  projectsNamedBy,
} from '../../src/understand/mentions.ts';
import {
  matchProject,
  mayHoldPieces,
  type ProjectMatch,
  piecesInOrder,
} from '../../storage/project-match.ts';
import { everydayNames } from '../../storage/project-names.ts';
import type { Project } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import { openTestStore } from '../helpers/test-store.ts';

/*
 * Every search by name goes through the ledger's indexes; these tests hold it to the answers of a
 * plain pass over every project (storage/project-match.ts, and the reader's matching as it was
 * written before the indexes) on random districts changed by random renames, unit changes, chain
 * tags and undos, so the indexes are the ones kept up change by change.
 */

let minute = 0;
const meta = () => ({ actor: 'admin', command: 'test', at: new Date(Date.UTC(2026, 2, 1, 2, minute++)) });

/** A few letters names are made of, so parts of names are shared, plus a letter outside the BMP. */
const LETTERS = ['铝', '华', '峰', '新', '材', '料', '深', '加', '工', '电', '池', '基', '地', '𠀾', 'A'];
const letters = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
const projectName = fc
  .tuple(
    fc.constantFrom('', '', '年产30万吨', '年产五万台'),
    letters,
    fc.constantFrom('', '项目', '项目', '工程', '二期项目'),
  )
  .map(([a, b, c]) => `${a}${b}${c}`);

type Op =
  | { kind: 'add'; name: string; unit: number; chain: number }
  | { kind: 'rename'; which: number; name: string }
  | { kind: 'move'; which: number; unit: number }
  | { kind: 'tag'; which: number; chain: number }
  | { kind: 'undo' };

const CHAINS = [null, '铝产业', '新材料', '电池产业链'] as const;

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      name: projectName,
      unit: fc.nat(3),
      chain: fc.nat(3),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('rename' as const), which: fc.nat(), name: projectName }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('move' as const), which: fc.nat(), unit: fc.nat(3) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('tag' as const), which: fc.nat(), chain: fc.nat(3) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const) }) },
);

async function districtAfter(ops: Op[]): Promise<{ store: Store; units: string[] }> {
  const store = await openTestStore();
  const units = ['园区', '经信委', '商务局', '农业局'].map(
    (name) => store.addUnit(meta(), { name, type: '部门' }).id,
  );
  // 园区 and 经信委 share the 铝产业 task force; 商务局 leads 新材料 alone
  store.setChain(meta(), {
    name: '铝产业',
    headName: null,
    leadUnitId: units[0] as string,
    memberUnitIds: [units[1] as string],
  });
  store.setChain(meta(), {
    name: '新材料',
    headName: null,
    leadUnitId: units[2] as string,
    memberUnitIds: [],
  });
  for (const o of ops) {
    const ids = store.projects().map((p) => p.id);
    const which = (n: number) => ids[n % Math.max(1, ids.length)];
    try {
      if (o.kind === 'add') {
        const p = store.registerNegotiation(meta(), {
          name: o.name,
          unitId: units[o.unit] as string,
          date: '2026-03-01',
        });
        if (CHAINS[o.chain]) store.updateProject(meta(), p.id, { chain: CHAINS[o.chain] as string });
      } else if (o.kind === 'undo') store.undoLast(meta(), 24 * 3600_000);
      else {
        const id = which(o.which);
        if (!id) continue;
        if (o.kind === 'rename') store.updateProject(meta(), id, { name: o.name });
        if (o.kind === 'move') store.updateProject(meta(), id, { unitId: units[o.unit] as string });
        if (o.kind === 'tag' && CHAINS[o.chain])
          store.updateProject(meta(), id, { chain: CHAINS[o.chain] as string });
      }
    } catch {
      // a name taken in that unit, or nothing to undo: the district stays as it was
    }
  }
  return { store, units };
}

/** What a reference may be: a name, a part of one, pieces of one, a near miss, a 编号, blanks. */
function refsFor(projects: Project[], extra: string[]): string[] {
  const out = new Set(extra);
  for (const p of projects.slice(0, 12)) {
    const n = p.name;
    out.add(n);
    out.add(` ${n} `);
    out.add(p.id.toLowerCase());
    out.add(n.slice(1));
    out.add(n.slice(0, -1));
    out.add(n.slice(1, 3));
    out.add(n.slice(0, 1));
    out.add(`${n.slice(0, 2)}${n.slice(-3)}`);
    out.add(`${n.slice(0, 2)}x${n.slice(2)}`);
    out.add(`${n}项目`);
  }
  return [...out];
}

const summary = (m: ProjectMatch) =>
  m.kind === 'one'
    ? { kind: m.kind, ids: [m.project.id] }
    : { kind: m.kind, ids: (m.kind === 'many' ? m.projects : m.closest).map((p) => p.id) };

/** The reader's matching of a sentence as it was written before the indexes: every visible name, by first letter. */
function knownByScan(text: string, all: ReadonlyArray<Project>): ProjectMention | null {
  for (const m of text.matchAll(/P\d{4}-\d{3,}/giu)) {
    const project = all.find((p) => p.id === m[0].toUpperCase());
    if (project) return { start: m.index, end: m.index + m[0].length, projects: [project] };
  }
  const index = new Map<string, Array<[string, Project]>>();
  for (const project of all) {
    for (const alias of everydayNames(project.name)) {
      const first = alias[0] as string;
      index.set(first, [...(index.get(first) ?? []), [alias, project]]);
    }
  }
  let best = null as ProjectMention | null;
  let bestLength = 0;
  for (const ch of new Set(text)) {
    for (const [alias, project] of index.get(ch) ?? []) {
      if (alias.length < bestLength) continue;
      const at = text.indexOf(alias);
      if (at < 0) continue;
      if (alias.length > bestLength) {
        best = { start: at, end: at + alias.length, projects: [project] };
        bestLength = alias.length;
      } else if (best && !best.projects.some((p) => p.id === project.id)) {
        best = { ...best, projects: [...best.projects, project] };
      }
    }
  }
  return best;
}

const mention = (m: ProjectMention | null) =>
  m && { start: m.start, end: m.end, ids: m.projects.map((p) => p.id) };

describe('finding projects through the ledger indexes', () => {
  it('resolves every reference exactly as a pass over the visible projects does, after random changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), letters, async (ops, stray) => {
        const { store, units } = await districtAfter(ops);
        const member = { role: 'member' as const, unitId: units[0] as string };
        const filters: Array<Visible | undefined> = [
          undefined,
          visibleTo(store, member),
          visibleTo(store, { role: 'member', unitId: units[3] as string }),
          changeableBy({ role: 'member', unitId: units[2] as string }),
          visibleTo(store, { role: 'member', unitId: null }),
        ];
        const all = store.projects();
        for (const ref of refsFor(all, [stray, '', '项目', 'P2026-001', '铝深加工项目'])) {
          for (const within of filters) {
            for (const suggest of [true, false]) {
              const scanned = matchProject(within ? all.filter(within) : all, ref, suggest);
              expect(summary(store.resolveProject(ref, { within, suggest })), `${ref} ${suggest}`).toEqual(
                summary(scanned),
              );
            }
          }
        }
        await store.close();
      }),
      { numRuns: 60 },
    );
  });

  it('reads names in a sentence as the reader did before, for a member and a leader', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 25 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '今天到位500万', '的', '那边', '，', '和')), {
          maxLength: 3,
        }),
        letters,
        async (ops, pieces, stray) => {
          const { store, units } = await districtAfter(ops);
          const all = store.projects();
          const actors: Actor[] = [
            { account: 'lisi', name: '李四', role: 'member', unitId: units[0] as string, member: null },
            { account: 'zhangsan', name: '张三', role: 'leader', unitId: null, member: null },
          ];
          const text = [
            stray,
            ...pieces.map(([n, filler]) => {
              const p = all[n % Math.max(1, all.length)];
              return p ? `${everydayNames(p.name)[n % 3] ?? p.name}${filler}` : filler;
            }),
          ].join('');
          for (const actor of actors) {
            const visible = all.filter(visibleTo(store, actor));
            const lookup = lookupFor(store, actor);
            expect(mention(knownProjectIn(text, lookup)), text).toEqual(mention(knownByScan(text, visible)));
            const known = projectNameKnown(store, actor);
            for (const ref of refsFor(visible, [stray, text])) {
              const core = ref.replace(/(?:项目|工程)$/u, '');
              const containing = visible.filter((p) => p.name.includes(core));
              const expected =
                core.length < 2
                  ? []
                  : containing.length
                    ? containing
                    : visible.filter((p) => piecesInOrder(core, p.name));
              const found = projectsNamedBy(ref, lookup, 2);
              expect(found.length, ref).toBe(Math.min(2, expected.length));
              for (const p of found) expect(expected.map((e) => e.id)).toContain(p.id);
              expect(known(ref), ref).toBe(visible.some((p) => p.name.includes(ref)));
            }
          }
          await store.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('follows a rename, a move to another unit and an undo in what a part of a name finds', async () => {
    const { store, units } = await districtAfter([]);
    const [park, bureau] = units as [string, string];
    const p = store.registerNegotiation(meta(), {
      name: '华峰铝深加工项目',
      unitId: park,
      date: '2026-03-01',
    });
    const inPark = changeableBy({ role: 'member', unitId: park });
    const inBureau = changeableBy({ role: 'member', unitId: bureau });
    expect(summary(store.resolveProject('铝深加工', { within: inPark }))).toEqual({
      kind: 'one',
      ids: [p.id],
    });

    store.updateProject(meta(), p.id, { name: '荣信预制菜项目' });
    expect(store.resolveProject('铝深加工', { within: inPark, suggest: false }).kind).toBe('none');
    expect(summary(store.resolveProject('预制菜', { within: inPark }))).toEqual({ kind: 'one', ids: [p.id] });
    expect(knownProjectIn('荣信预制菜今天到位500万', lookupFor(store, admin()))?.projects[0]?.id).toBe(p.id);
    expect(knownProjectIn('华峰铝深加工今天到位500万', lookupFor(store, admin()))).toBeNull();

    store.updateProject(meta(), p.id, { unitId: bureau });
    expect(store.resolveProject('预制菜', { within: inPark, suggest: false }).kind).toBe('none');
    expect(summary(store.resolveProject('预制菜', { within: inBureau }))).toEqual({
      kind: 'one',
      ids: [p.id],
    });

    // undoing the move, then the rename, brings back the old name in the old unit
    store.undoLast(meta(), 24 * 3600_000);
    store.undoLast(meta(), 24 * 3600_000);
    expect(summary(store.resolveProject('铝深加工', { within: inPark }))).toEqual({
      kind: 'one',
      ids: [p.id],
    });
    expect(store.resolveProject('预制菜', { suggest: false }).kind).toBe('none');

    // undoing the registration takes the project out of every name index
    store.undoLast(meta(), 24 * 3600_000);
    expect(store.resolveProject('铝深加工', { suggest: false }).kind).toBe('none');
    expect(knownProjectIn('华峰铝深加工今天到位500万', lookupFor(store, admin()))).toBeNull();
    expect(projectNameKnown(store, admin())('华峰')).toBe(false);
  });

  it('of two names as long written in a sentence, places the mention at the one whose first letter comes first', async () => {
    const { store, units } = await districtAfter([]);
    const earlier = store.registerNegotiation(meta(), {
      name: '华峰铝业',
      unitId: units[0] as string,
      date: '2026-03-01',
    });
    const later = store.registerNegotiation(meta(), {
      name: '荣信食品',
      unitId: units[0] as string,
      date: '2026-03-01',
    });
    const text = '荣信食品和华峰铝业都到位了';
    const found = knownProjectIn(text, lookupFor(store, admin()));
    expect(mention(found)).toEqual({ start: 0, end: 4, ids: [later.id, earlier.id] });
    expect(mention(found)).toEqual(mention(knownByScan(text, store.projects())));
  });

  it('offers the same close names, in the same order, when several are as close', async () => {
    const { store, units } = await districtAfter([]);
    // more than forty names share as many pairs with the reference: which forty are weighed depends on order
    for (let i = 0; i < 60; i++)
      store.registerNegotiation(meta(), {
        name: `铝材${i}号仓库`,
        unitId: units[i % 4] as string,
        date: '2026-03-01',
      });
    const first = store.projects()[3] as Project;
    store.updateProject(meta(), first.id, { name: '铝材深加工基地' });
    const all = store.projects();
    for (const ref of ['铝材仓库', '铝材深加', '铝材号']) {
      expect(summary(store.resolveProject(ref))).toEqual(summary(matchProject(all, ref, true)));
    }
  });

  it('names a chain tag only while a project carries it, the task force first when two are as long', async () => {
    const { store, units } = await districtAfter([]);
    const lookup = () => lookupFor(store, admin());
    const p = store.registerNegotiation(meta(), {
      name: '电池项目',
      unitId: units[0] as string,
      date: '2026-03-01',
    });
    expect(chainIn('储能产业链进展', lookup())).toBeNull();
    store.updateProject(meta(), p.id, { chain: '储能产业链' });
    expect(chainIn('储能产业链进展', lookup())).toBe('储能产业链');
    // 新材料 is a task force; 新能源 only a tag, first written later: of the two, the task force wins
    store.updateProject(meta(), p.id, { chain: '新能源' });
    expect(chainIn('储能产业链进展', lookup())).toBeNull();
    expect(chainIn('新能源和新材料', lookup())).toBe('新材料');
    const q = store.registerNegotiation(meta(), {
      name: '光伏项目',
      unitId: units[1] as string,
      date: '2026-03-01',
    });
    store.updateProject(meta(), q.id, { chain: '光伏板' });
    // two tags as long: the one first written on a project (in the order of a pass over them) wins
    expect(chainIn('光伏板和新能源', lookup())).toBe('新能源');
  });
});

function admin(): Actor {
  return { account: 'admin', name: '管理员', role: 'admin', unitId: null, member: null };
}

describe('the quick test before cutting a name into pieces', () => {
  it('passes every name the cutting accepts, whatever order the letters are tried in', () => {
    const word = fc.array(fc.constantFrom('规', '模', '第', '7', '3', '1', '号', '𠀾'), {
      minLength: 0,
      maxLength: 9,
    });
    fc.assert(
      fc.property(
        word.filter((w) => w.join('').length >= 2),
        word,
        fc.func(fc.nat(50)),
        (core, name, namesWith) => {
          const [c, n] = [core.join(''), name.join('')];
          if (piecesInOrder(c, n)) expect(mayHoldPieces(c, namesWith)(n)).toBe(true);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('rules out a name that shares only the first and last pairs', () => {
    const may = mayHoldPieces('规模测试第731号');
    expect(may('规模测试第1号项目')).toBe(false);
    expect(may('规模测试第731号项目')).toBe(true);
    expect(may('规模测试 第731号')).toBe(true);
  });
});
