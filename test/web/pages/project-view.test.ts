import { describe, expect, it } from 'vitest';
import { renderPlainText } from '../../../src/render/plain-text.ts';
import { ProjectHistoryIndex } from '../../../src/web/pages/project-history-index.ts';
import { historyRows } from '../../../src/web/pages/project-history-view.ts';
import { projectPage } from '../../../src/web/pages/project-view.ts';
import type { JournalRecord } from '../../../storage/journal-record.ts';
import { smallDistrict } from '../../helpers/conversation.ts';
import { persistenceOf } from '../../helpers/test-store.ts';
import { pageDistrict, viewerOf } from './page-district.ts';

const NOW = '2023-06-30T10:00:00+08:00';
const SIGNING =
  '登记签约 年产30万吨再生铝项目 合同额12亿 投资方某某集团 产业链铝产业 类型正式合同 日期2023-05-20';

async function reported() {
  const c = await pageDistrict({ now: NOW });
  await c.say(SIGNING, { as: 'lisi' });
  c.setNow('2023-06-30T11:05:00+08:00');
  await c.say('修改 P2023-001 合同额13亿', { as: 'admin' });
  c.setNow('2023-06-30T15:30:00+08:00');
  await c.say('到位资金 年产30万吨再生铝项目 8000万 凭证银行回单', { as: 'lisi' });
  await c.say('登记签约 数字经济产业园 合同额3亿 类型正式合同 日期2023-06-01', { as: 'wangwu' });
  return c;
}

describe("a project's page", () => {
  it("shows chat's card and every change, newest first, with the person, the message and before → after", async () => {
    const c = await reported();
    const card = await c.say('查询 P2023-001', { as: 'lisi' });
    const page = await projectPage(c.store, viewerOf(c, 'lisi'), 'P2023-001', new Date(NOW), c.history);
    expect(page && renderPlainText(page.card)).toBe(card);
    expect(page?.history.map((h) => [h.time, h.person, h.text])).toEqual([
      ['2023-06-30 15:30', '李四（lisi）', '到位资金 年产30万吨再生铝项目 8000万 凭证银行回单'],
      ['2023-06-30 11:05', 'admin', '修改 P2023-001 合同额13亿'],
      ['2023-06-30 10:00', '李四（lisi）', SIGNING],
    ]);
    expect(page?.history[0]?.changes).toEqual(['新增到位资金：2023-06-30 8000万元（银行回单）']);
    expect(page?.history[1]?.changes).toEqual(['合同额：12亿元 → 13亿元']);
    expect(page?.history[2]?.changes).toEqual(
      expect.arrayContaining([
        '新建项目',
        '名称：年产30万吨再生铝项目',
        '责任单位：工业园区管委会',
        '投资方：某某集团',
        '合同额：12亿元',
        '签约日期：2023-05-20',
      ]),
    );
  });

  it("answers a member who types another unit's 编号 exactly as for a project that does not exist", async () => {
    const c = await reported();
    const open = (as: string, id: string) =>
      projectPage(c.store, viewerOf(c, as), id, new Date(NOW), c.history);
    expect(await open('wangwu', 'P2023-001')).toBeNull();
    expect(await open('wangwu', 'P2023-999')).toBeNull();
    expect(await open('wangwu', 'P2023-002')).not.toBeNull();
    expect((await open('zhangsan', 'P2023-001'))?.history).toHaveLength(3);
    // the chat answers the same: to wangwu, lisi's project does not exist
    const asked = async (id: string) => (await c.say(`查询 ${id}`, { as: 'wangwu' })).replaceAll(id, '…');
    expect(await asked('P2023-001')).toBe(await asked('P2023-999'));
  });

  it('keeps its index current as people report, without reading the journal again', async () => {
    const c = await reported();
    const open = () => projectPage(c.store, viewerOf(c, 'lisi'), 'p2023-001', new Date(NOW), c.history);
    expect((await open())?.history).toHaveLength(3);
    await c.say('进度 年产30万吨再生铝项目 已完成土地摘牌，下周进场', { as: 'lisi' });
    await c.say('撤销', { as: 'lisi' });
    const history = (await open())?.history ?? [];
    expect(history.map((h) => h.text)).toEqual([
      '撤销',
      '进度 年产30万吨再生铝项目 已完成土地摘牌，下周进场',
      '到位资金 年产30万吨再生铝项目 8000万 凭证银行回单',
      '修改 P2023-001 合同额13亿',
      SIGNING,
    ]);
    expect(history[1]?.changes).toEqual(['新增进展：2023-06-30 已完成土地摘牌，下周进场']);
    expect(history[0]?.changes).toEqual(['进展：1 条 → 0 条']);
    expect(c.history.builds).toBe(1);
  });

  it('reads the journal again when a change reached the store without passing the index', async () => {
    const c = await smallDistrict({ now: NOW });
    const history = new ProjectHistoryIndex(() => persistenceOf(c.store).records());
    await c.say(SIGNING, { as: 'lisi' });
    const open = () => projectPage(c.store, viewerOf(c, 'lisi'), 'P2023-001', new Date(NOW), history);
    expect((await open())?.history).toHaveLength(1);
    await c.say('进度 年产30万吨再生铝项目 已完成土地摘牌', { as: 'lisi' });
    expect((await open())?.history).toHaveLength(2);
    expect(history.builds).toBe(2);
  });

  it('drops records the disk refused, and takes the same seq again for the next one', async () => {
    const records: JournalRecord[] = [];
    const index = new ProjectHistoryIndex(async function* () {
      yield* records;
    });
    const record = (seq: number, text: string): JournalRecord => ({
      v: 6,
      seq,
      at: '2023-06-30T10:00:00.000+08:00',
      actor: 'lisi',
      messageKey: null,
      text,
      command: 'add-progress',
      summary: '',
      ops: [{ c: 'projects', id: 'P2023-001', push: { notes: [{ date: '2023-06-30', text }] } }],
    });
    records.push(record(1, 'a'));
    expect(await index.events('P2023-001', 1)).toHaveLength(1);
    index.appended(record(2, 'b'));
    index.appended(record(3, 'c'));
    index.refused(1);
    index.appended(record(2, 'd'));
    expect((await index.events('P2023-001', 2)).map((e) => e.text)).toEqual(['a', 'd']);
    expect(index.builds).toBe(1);
  });

  it('reads a record written before v6 (whole records before and after) as the fields it changed', async () => {
    const before = { id: 'P2023-001', name: '再生铝项目', unitId: 'U001', signing: { amountWan: 120_000 } };
    const after = { ...before, signing: { amountWan: 130_000 }, updatedAt: 'x' };
    const index = new ProjectHistoryIndex(async function* () {
      yield {
        v: 5,
        seq: 1,
        at: '2023-06-01T09:30:00.000+08:00',
        actor: 'admin',
        messageKey: null,
        text: '修改 P2023-001 合同额13亿',
        command: 'edit-project',
        summary: '',
        before: [{ c: 'projects', id: 'P2023-001', v: before }],
        puts: [{ c: 'projects', id: 'P2023-001', v: after }],
      };
    });
    const c = await smallDistrict({ now: NOW });
    const rows = historyRows(c.store, await index.events('P2023-001', 1));
    expect(rows.map((r) => [r.time, r.text, r.changes])).toEqual([
      ['2023-06-01 09:30', '修改 P2023-001 合同额13亿', ['合同额：12亿元 → 13亿元']],
    ]);
  });

  it('keeps the records that arrive while the journal is still being read, each once', async () => {
    const record = (seq: number): JournalRecord => ({
      v: 6,
      seq,
      at: '2023-06-30T10:00:00.000+08:00',
      actor: 'lisi',
      messageKey: null,
      text: `第${seq}条`,
      command: 'add-progress',
      summary: '',
      ops: [
        { c: 'projects', id: 'P2023-001', push: { notes: [{ date: '2023-06-30', text: `第${seq}条` }] } },
      ],
    });
    const written = [record(1), record(2)];
    let release = () => {};
    const halfway = new Promise<void>((ok) => {
      release = ok;
    });
    const index = new ProjectHistoryIndex(async function* () {
      yield written[0] as JournalRecord;
      await halfway;
      // the reader reaches record 3, appended meanwhile, but not 4, appended after it passed
      yield* written.slice(1, 3);
    });
    const reading = index.prepare();
    for (const seq of [3, 4]) {
      written.push(record(seq));
      index.appended(record(seq));
    }
    release();
    await reading;
    expect((await index.events('P2023-001', 4)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    index.appended(record(5));
    expect((await index.events('P2023-001', 5)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(index.builds).toBe(1);
  });
});
