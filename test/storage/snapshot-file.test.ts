import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/demo/random.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { emptyDocument } from '../../storage/schema.ts';
import { type RawSnapshot, SnapshotFile } from '../../storage/snapshot-file.ts';
import { Store } from '../../storage/store.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'saima-snapshot-'));
const meta = (minute = 0) => ({
  actor: 'admin',
  command: 'test',
  at: new Date(Date.UTC(2023, 5, 1, 2, minute)),
});
const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A document changed the way the ledger changes it: the snapshot file is told first, then the record
 * is replaced by a new object or deleted, never changed in place.
 */
function ledgerLike(file: SnapshotFile, seed: number) {
  const doc = emptyDocument() as unknown as RawSnapshot;
  const rnd = new Random(seed);
  const gone: Array<[string, string]> = [];
  let next = 0;
  // `changes` has ids that look like numbers, which an object lists first and in numeric order
  const collections = ['projects', 'outbox', 'changes'];
  const records = (c: string) => doc[c] as Record<string, unknown>;
  const put = (c: string, id: string, value: unknown) => {
    file.beforeChange(c, id, value === undefined);
    if (value === undefined) delete records(c)[id];
    else records(c)[id] = value;
    doc.seq = (doc.seq as number) + 1;
  };
  const change = () => {
    const c = rnd.pick(collections);
    const ids = Object.keys(records(c));
    const roll = rnd.next();
    if (roll < 0.35 || ids.length === 0) {
      const id = c === 'changes' ? String(rnd.int(1, 5000)) : `${c}-${next++}`;
      put(c, id, { id, n: 0, text: `新记录${id}`.repeat(rnd.int(1, 8)) });
    } else if (roll < 0.7) {
      const id = rnd.pick(ids);
      put(c, id, { ...(records(c)[id] as object), n: rnd.int(1, 1e6) });
    } else if (roll < 0.9) {
      const id = rnd.pick(ids);
      put(c, id, undefined);
      gone.push([c, id]);
    } else if (gone.length > 0) {
      const [gc, id] = gone.splice(rnd.int(0, gone.length - 1), 1)[0] as [string, string];
      if (records(gc)[id] === undefined) put(gc, id, { id, n: -1, text: '又加回来' });
    }
  };
  return { doc, change };
}

/** The document as a reader will see it: every value, and every collection's keys in their order. */
function asRead(doc: RawSnapshot) {
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  const order = Object.fromEntries(
    Object.entries(copy)
      .filter(([, v]) => typeof v === 'object' && v !== null)
      .map(([c, v]) => [c, Object.keys(v as object)]),
  );
  return { copy, order };
}

describe('a snapshot file', () => {
  it('holds every record exactly as it was at its instant, in the document’s order, whatever is added, replaced or deleted while it is written', async () => {
    const path = join(tempDir(), 'saima.json');
    const file = new SnapshotFile(path);
    const { doc, change } = ledgerLike(file, 20260531);
    for (let i = 0; i < 3000; i++) change();
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 200; i++) change();
      const expected = asRead(doc);
      let done = false;
      const writing = file.write(doc).finally(() => {
        done = true;
      });
      let during = 0;
      // changes land between the snapshot's writes, records it has written and records it has not
      while (!done) {
        for (let i = 0; i < 40; i++) change();
        during += 40;
        await turn();
      }
      await writing;
      expect(during).toBeGreaterThan(40);
      const read = await new SnapshotFile(path).read();
      expect(asRead(read as RawSnapshot)).toEqual(expected);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(expected.copy);
    }
  });

  it('fails a snapshot when a record went without a word, and lists the document anew for the next', async () => {
    const path = join(tempDir(), 'saima.json');
    const file = new SnapshotFile(path);
    const { doc, change } = ledgerLike(file, 7);
    for (let i = 0; i < 500; i++) change();
    await file.write(doc);
    const projects = doc.projects as Record<string, unknown>;
    const [first, second] = Object.keys(projects) as [string, string];
    // as a refused change taken back does: no word, and a record put back goes last
    delete projects[first];
    const back = projects[second];
    delete projects[second];
    projects[second] = back;
    await expect(file.write(doc)).rejects.toThrow(`projects/${first} is listed but not in the document`);
    await file.write(doc);
    expect(asRead((await new SnapshotFile(path).read()) as RawSnapshot)).toEqual(asRead(doc));
  });

  it('is told of every change by the store before the ledger applies it: projects registered while it is written wait for the next one', async () => {
    const dir = tempDir();
    const persistence = new FilePersistence(dir, { snapshotEvery: 1e9, snapshotAfterMs: 3_600_000 });
    const store = await Store.open(persistence);
    const unit = store.addUnit(meta(), { name: '工业园区管委会', type: '园区' });
    for (let i = 0; i < 200; i++)
      store.registerNegotiation(meta(1), { name: `项目${i}`, unitId: unit.id, date: '2023-06-01' });
    const before = store.scanProjects((ps) => ps.map((p) => p.id));
    const writing = persistence.flush();
    const later = Array.from(
      { length: 50 },
      (_, i) =>
        store.registerNegotiation(meta(2), { name: `新项目${i}`, unitId: unit.id, date: '2023-06-02' }).id,
    );
    await writing;
    const written = JSON.parse(readFileSync(join(dir, 'saima.json'), 'utf8'));
    expect(Object.keys(written.projects)).toEqual(before);
    await persistence.flush();
    const again = JSON.parse(readFileSync(join(dir, 'saima.json'), 'utf8'));
    expect(Object.keys(again.projects)).toEqual([...before, ...later]);
    await store.close();
  });
});
