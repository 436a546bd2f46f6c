import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDEX_SPECS, Indexes, type IndexName } from '../../storage/indexes.ts';
import { applyPuts } from '../../storage/puts.ts';
import { emptyDocument, type Project, type Put, type StoreDocument } from '../../storage/schema.ts';

/*
 * The indexes kept up change by change must say exactly what indexes built afresh from the same
 * document say — every key, every id, and where each record stands in a scan of its collection —
 * whatever mix of additions, renames, unit changes and deletions (an undone registration) came
 * before, and whether a key was read (turned from the start-up array into a set) or not.
 */

function project(id: string, name: string, unitId: string, chain: string | null): Project {
  return {
    id,
    name,
    investor: null,
    chain,
    unitId,
    leaderName: null,
    ownerName: null,
    investmentWan: null,
    major: false,
    stage: '在谈',
    stageHistory: [],
    negotiationSince: null,
    signing: null,
    start: null,
    termination: null,
    instalments: [],
    notes: [],
    problems: [],
    createdAt: '2026-03-01T10:00:00.000+08:00',
    createdBy: 'test',
    updatedAt: '2026-03-01T10:00:00.000+08:00',
  };
}

const name = fc
  .array(fc.constantFrom('铝', '华', '峰', '新', '材', '年', '产', '3', '万', '吨', '项', '目', '工', '程'), {
    minLength: 1,
    maxLength: 8,
  })
  .map((a) => a.join(''));
const change = fc.record({
  id: fc.constantFrom('P2026-001', 'P2026-002', 'P2026-003', 'P2026-004', 'P2026-005'),
  name,
  unit: fc.constantFrom('U1', 'U2', 'U3'),
  chain: fc.constantFrom(null, '铝产业', '新材料'),
  gone: fc.boolean(),
  read: fc.boolean(),
});

function snapshot(indexes: Indexes, doc: StoreDocument) {
  const out: Record<string, Record<string, string[]>> = {};
  for (const index of Object.keys(INDEX_SPECS) as IndexName[]) {
    out[index] = {};
    for (const key of [...indexes.keys(index)].sort())
      (out[index] as Record<string, string[]>)[key] = [...indexes.ids(index, key)].sort();
  }
  const order = Object.keys(doc.projects).sort(
    (a, b) => (indexes.position('projects', a) as number) - (indexes.position('projects', b) as number),
  );
  return { out, order };
}

describe('indexes kept up change by change', () => {
  it('hold what indexes built afresh from the same document hold, and the document’s own order', () => {
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 40 }),
        fc.array(change, { maxLength: 5 }),
        (changes, start) => {
          const doc = emptyDocument();
          for (const c of start) doc.projects[c.id] = project(c.id, c.name, c.unit, c.chain);
          const indexes = new Indexes(doc);
          for (const c of changes) {
            const put: Put = {
              c: 'projects',
              id: c.id,
              v: c.gone ? null : project(c.id, c.name, c.unit, c.chain),
            };
            applyPuts(doc, [put], (col, id, before, after) => indexes.replaced(col, id, before, after));
            // reading a key turns its start-up array into a set: both kinds must be kept up alike
            if (c.read) indexes.ids('projectsByNamePair', c.name.slice(0, 2));
          }
          const kept = snapshot(indexes, doc);
          expect(kept.out).toEqual(snapshot(new Indexes(doc), doc).out);
          expect(kept.order).toEqual(Object.keys(doc.projects));
        },
      ),
      { numRuns: 300 },
    );
  });
});
