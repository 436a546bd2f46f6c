import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { type FsOps, nodeFs } from '../../storage/fs-ops.ts';
import { emptyDocument } from '../../storage/schema.ts';
import { type RawSnapshot, SnapshotFile } from '../../storage/snapshot-file.ts';
import { Store } from '../../storage/store.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'saima-review-'));
const meta = (minute = 0) => ({
  actor: 'admin',
  command: 'test',
  at: new Date(Date.UTC(2023, 5, 1, 2, minute)),
});

/**
 * One journal record that deletes a project and creates it again, told to the snapshot file as
 * FilePersistence.append tells it (every op first), then applied in order as the ledger applies it.
 */
function deleteAndCreateInOneRecord(file: SnapshotFile, projects: Record<string, unknown>, id: string): void {
  const ops = [
    { c: 'projects', id, del: true as const },
    { c: 'projects', id, new: { id, again: true } },
  ];
  for (const op of ops) file.beforeChange(op.c, op.id, op.del === true);
  for (const op of ops) {
    if (op.del) delete projects[op.id];
    else projects[op.id] = op.new;
  }
}

describe('record order kept as each change is told', () => {
  it('a journal record that deletes and re-creates one record lists it (every op told before any is applied, as FilePersistence.append does)', async () => {
    const path = join(tempDir(), 'saima.json');
    const file = new SnapshotFile(path);
    const doc = emptyDocument() as unknown as RawSnapshot;
    const projects = doc.projects as Record<string, unknown>;
    projects.A = { id: 'A' };
    projects.B = { id: 'B' };
    await file.write(doc); // lists made; released
    deleteAndCreateInOneRecord(file, projects, 'B');
    await file.write(doc);
    const read = (await new SnapshotFile(path).read()) as RawSnapshot;
    expect(Object.keys(read.projects as object)).toEqual(Object.keys(projects));
  });

  it('the same while a snapshot is being written: the next snapshot has the document’s order', async () => {
    const path = join(tempDir(), 'saima.json');
    const file = new SnapshotFile(path);
    const doc = emptyDocument() as unknown as RawSnapshot;
    const projects = doc.projects as Record<string, unknown>;
    for (let i = 0; i < 5; i++) projects[`P${i}`] = { id: `P${i}` };
    await file.write(doc);
    const writing = file.write(doc); // holds the lists until its records are read
    deleteAndCreateInOneRecord(file, projects, 'P1');
    await writing;
    await file.write(doc);
    const read = (await new SnapshotFile(path).read()) as RawSnapshot;
    expect(Object.keys(read.projects as object)).toEqual(Object.keys(projects));
  });
});

/** The real file system, but the journal file a snapshot's rotation creates ('wx') cannot be made once. */
function rotationFailsOnce(): FsOps {
  let left = 1;
  return {
    ...nodeFs,
    openSync: (path, flags, mode) => {
      if (flags === 'wx' && path.endsWith('journal.jsonl') && left-- > 0)
        throw Object.assign(new Error('EMFILE: too many open files, open'), { code: 'EMFILE' });
      return nodeFs.openSync(path, flags, mode);
    },
  };
}

describe('a snapshot whose journal rotation throws in the captured hook', () => {
  it('does not stop every later snapshot', async () => {
    const dir = tempDir();
    const log: string[] = [];
    const persistence = new FilePersistence(dir, {
      snapshotEvery: 1e9,
      snapshotAfterMs: 3_600_000,
      rotateAtBytes: 1,
      fs: rotationFailsOnce(),
      log: (l) => log.push(l),
    });
    const store = await Store.open(persistence);
    const unit = store.addUnit(meta(), { name: '工业园区管委会', type: '园区' });
    store.registerNegotiation(meta(1), { name: '项目一', unitId: unit.id, date: '2023-06-01' });
    await store.durable?.();
    await persistence.flush(); // rotation fails here
    for (let i = 0; i < 20; i++)
      store.registerNegotiation(meta(2), { name: `项目${i + 2}`, unitId: unit.id, date: '2023-06-02' });
    await persistence.flush();
    await persistence.flush();
    expect(log.filter((l) => l.includes('already being written'))).toEqual([]);
    // the journal the writer still appends to keeps its name: nothing is left half-rotated
    expect(readdirSync(dir)).toContain('journal.jsonl');
    const snapshot = JSON.parse(readFileSync(join(dir, 'saima.json'), 'utf8'));
    expect(Object.keys(snapshot.projects)).toHaveLength(21);
    await store.close();
    const again = await Store.open(new FilePersistence(dir));
    expect(again.scanProjects((ps) => ps.length)).toBe(21);
    await again.close();
  });
});
