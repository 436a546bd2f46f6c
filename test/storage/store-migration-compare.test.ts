import { describe, expect, it } from 'vitest';
import { everyIndicator, readingDifferences } from '../../src/race/every-indicator.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import type { JournalRecord } from '../../storage/journal-record.ts';
import { emptyDocument } from '../../storage/schema.ts';
import { openLedger } from '../../storage/store-migration.ts';
import {
  documentDifferences,
  firstDifference,
  journalDifferences,
} from '../../storage/store-migration-compare.ts';
import { smallDistrict } from '../helpers/conversation.ts';
import { tempDir } from '../helpers/district-data-dirs.ts';

const record = (seq: number, summary = `变更 ${seq}`): JournalRecord => ({
  v: 7,
  seq,
  at: '2023-06-30T10:00:00.000+08:00',
  actor: 'admin',
  messageKey: null,
  text: null,
  command: 'test',
  summary,
  ops: [],
});

async function* journal(records: JournalRecord[]) {
  yield* records;
}

describe('comparing a moved ledger with its source', () => {
  it('names the first place two values differ, by path', () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeNull();
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe('a[1].b: 2 ≠ 3');
    expect(firstDifference({ a: [1] }, { a: [1, 2] })).toBe('a：源有 1 项，目标有 2 项');
    expect(firstDifference({ a: 1 }, {})).toBe('a: 1 ≠ （无）');
  });

  it('finds a record changed, one missing and a different seq, naming each collection in Chinese', async () => {
    const dir = tempDir();
    const c = await smallDistrict({ persistence: new FilePersistence(dir) });
    await c.say('登记签约 再生铝项目 合同额12亿 投资方某某集团 类型正式合同 日期2023-05-20', { as: 'lisi' });
    await c.store.close();
    const opened = await openLedger(new FilePersistence(dir));
    const source = structuredClone(opened.document);
    await opened.store.close();
    const copy = structuredClone(source);
    expect(documentDifferences(source, copy)).toEqual([]);
    const project = Object.values(copy.projects)[0];
    if (!project?.signing) throw new Error('no signing');
    project.signing.amountWan = 130_000;
    delete copy.members[Object.keys(copy.members)[0] as string];
    copy.seq += 1;
    expect(documentDifferences(source, copy)).toEqual([
      `变更序号 seq：源是 ${source.seq}，目标是 ${source.seq + 1}`,
      '成员 M0001 在目标里没有',
      `项目 ${project.id}：signing.amountWan: 120000 ≠ 130000`,
    ]);
  });

  it('finds records listed in another order: the replies list them in that order', () => {
    const source = emptyDocument();
    source.settings.weights = { id: 'weights', value: 1, by: 'admin', at: '2023-06-01T10:00:00.000+08:00' };
    source.settings.bands = { id: 'bands', value: 2, by: 'admin', at: '2023-06-01T10:00:00.000+08:00' };
    const copy = emptyDocument();
    copy.settings.bands = source.settings.bands;
    copy.settings.weights = source.settings.weights;
    expect(documentDifferences(source, copy)).toEqual(['设置的顺序：第 1 条源是 weights，目标是 bands']);
  });

  it('reads two journals side by side and names a record that differs and one that is missing', async () => {
    const a = [record(1), record(2), record(3)];
    expect(await journalDifferences(journal(a), journal(a), 3)).toEqual({
      records: 3,
      legacy: 0,
      differences: [],
    });
    const b = [record(1), record(2, '改过')];
    expect((await journalDifferences(journal(a), journal(b), 3)).differences).toEqual([
      '变更记录第 2 条：summary: "变更 2" ≠ "改过"',
      '变更记录第 3 条在目标里没有',
    ]);
    // records after the seq moved (an instance still writing) are not compared
    expect((await journalDifferences(journal(a), journal(b.slice(0, 1)), 1)).differences).toEqual([]);
  });

  it('names the ranking whose reading differs', async () => {
    const c = await smallDistrict();
    await c.say('设置目标 工业园区管委会 市级目标 签约个数4 合同额20亿');
    await c.say('设置目标 经济信息委 市级目标 签约个数4 合同额20亿');
    const before = everyIndicator(c.store, '2023-06-30');
    await c.say('登记签约 再生铝项目 合同额12亿 投资方某某集团 类型正式合同 日期2023-05-20', { as: 'lisi' });
    const after = everyIndicator(c.store, '2023-06-30');
    expect(after.map((r) => r.name)).toEqual(before.map((r) => r.name));
    const found = readingDifferences(before, after, 10);
    expect(found[0]).toMatch(/^指标「2023年5月晾晒」：standings\[0\]\.values\.contractCount: 0 ≠ 1$/);
    expect(found).toContainEqual(
      expect.stringMatching(/^指标「2023年5月晾晒（全区合计）」：contractCount: 0 ≠ 1$/),
    );
    expect(found).toContainEqual(expect.stringMatching(/^指标「全区进度」：/));
  });
});
